import { ValidationError } from '@alma/core';

/** HNSW graph over scalar-quantised vectors: the default ANN index (see docs/decisions). */
export interface HnswSqSettings {
  readonly type: 'hnsw-sq';
  /** Graph degree: neighbours kept per node. Higher: better recall, bigger index. */
  readonly m: number;
  /** Candidates examined while building. Higher: better graph, slower build. */
  readonly efConstruction: number;
  /**
   * IVF partitions, each its own graph; 1 (one graph) is best below millions of rows. 0 leaves
   * LanceDB's default, which splits the graph and loses recall at the default query settings.
   */
  readonly numPartitions: number;
  /** Candidates examined per query; 0 leaves LanceDB's default (1.5 × limit), which loses recall. */
  readonly ef: number;
  /** Re-rank limit × refineFactor quantised candidates by exact distance; 1 or more, 0 for none. */
  readonly refineFactor: number;
}

/** IVF partitions of product-quantised vectors: smaller, slower to train, needs refine for recall. */
export interface IvfPqSettings {
  readonly type: 'ivf-pq';
  /** Partitions; LanceDB's default (√rows) when left out. */
  readonly numPartitions?: number;
  /** Sub-vectors per vector; LanceDB's default (dimension / 16) when left out. */
  readonly numSubVectors?: number;
  /** Partitions probed per query; 0 leaves LanceDB's default. */
  readonly nprobes: number;
  /** Re-rank limit × refineFactor candidates by exact distance; 0 for none. */
  readonly refineFactor: number;
}

/** The ANN index to build and query, by type. */
export type AnnSettings = HnswSqSettings | IvfPqSettings;

/** Every knob of the LanceDB index; see docs/vector.md for what each one trades. */
export interface LanceDbIndexSettings {
  /** Rows at which optimize() builds the ANN index; below it, searches scan exactly. */
  readonly annThreshold: number;
  readonly ann: AnnSettings;
  /** Candidates fetched beyond k and rescored exactly here, so the k-th place is exact too. */
  readonly overfetch: number;
  /** Writes between automatic optimize() calls (compaction keeps small writes from piling up); 0: never. */
  readonly optimizeEvery: number;
  /** Table versions older than this are pruned by optimize(); deleted rows leave disk with them. */
  readonly retainVersionsMs: number;
  /** Rows per write while rebuilding. */
  readonly rebuildBatchSize: number;
}

/** The shipped ANN index and its query knobs (decision 021). */
export const DEFAULT_HNSW_SQ: HnswSqSettings = Object.freeze({
  type: 'hnsw-sq',
  m: 20,
  efConstruction: 300,
  numPartitions: 1,
  ef: 100,
  refineFactor: 2,
});

/** IVF-PQ's knobs when it is chosen instead: recall needs nprobes and a refine step. */
export const DEFAULT_IVF_PQ: IvfPqSettings = Object.freeze({ type: 'ivf-pq', nprobes: 20, refineFactor: 10 });

/** Every default of the LanceDB index; docs/vector.md says what each one trades. */
export const DEFAULT_LANCEDB_SETTINGS: LanceDbIndexSettings = Object.freeze({
  annThreshold: 10_000,
  ann: DEFAULT_HNSW_SQ,
  overfetch: 10,
  optimizeEvery: 100,
  retainVersionsMs: 0,
  rebuildBatchSize: 4_096,
});

/** Settings as callers give them: any subset; `ann` may name its type and a few knobs. */
export type LanceDbSettingsInput = Partial<Omit<LanceDbIndexSettings, 'ann'>> & {
  readonly ann?: Partial<HnswSqSettings> | (Partial<IvfPqSettings> & { readonly type: 'ivf-pq' });
};

/** Fills defaults, validates once, freezes. */
export function lancedbSettings(input: LanceDbSettingsInput = {}): LanceDbIndexSettings {
  const ann: AnnSettings =
    input.ann?.type === 'ivf-pq'
      ? Object.freeze({ ...DEFAULT_IVF_PQ, ...input.ann })
      : Object.freeze({ ...DEFAULT_HNSW_SQ, ...(input.ann as Partial<HnswSqSettings> | undefined) });
  const settings: LanceDbIndexSettings = Object.freeze({ ...DEFAULT_LANCEDB_SETTINGS, ...input, ann });
  const whole = (name: string, value: number | undefined, min: number) => {
    if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
      throw new ValidationError(`lancedb setting ${name} must be an integer ≥ ${min}`);
    }
  };
  whole('annThreshold', settings.annThreshold === Number.POSITIVE_INFINITY ? 1 : settings.annThreshold, 1);
  whole('overfetch', settings.overfetch, 0);
  whole('optimizeEvery', settings.optimizeEvery, 0);
  whole('retainVersionsMs', settings.retainVersionsMs, 0);
  whole('rebuildBatchSize', settings.rebuildBatchSize, 1);
  whole('ann.refineFactor', ann.refineFactor, 0);
  if (ann.type === 'hnsw-sq') {
    whole('ann.m', ann.m, 2);
    whole('ann.efConstruction', ann.efConstruction, 1);
    whole('ann.numPartitions', ann.numPartitions, 0);
    whole('ann.ef', ann.ef, 0);
  } else {
    whole('ann.nprobes', ann.nprobes, 0);
    whole('ann.numPartitions', ann.numPartitions, 1);
    whole('ann.numSubVectors', ann.numSubVectors, 1);
  }
  return settings;
}
