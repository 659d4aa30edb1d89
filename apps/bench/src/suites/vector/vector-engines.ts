import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  defineVectorColumns,
  ExactVectorIndex,
  type LanceDbSettingsInput,
  LanceDbVectorDatabase,
  type VectorIndex,
} from '@alma/vector';
import { quantile, timeIt } from '../../measure.js';
import { BENCH_DIMENSION, BENCH_PROJECT, RARE_AGENT, type VectorDataset } from './vector-dataset.js';
import { type GroundTruth, recall } from './vector-ground-truth.js';

const K = 10;
const INSERT_BATCH = 1_000;
const DELETES = 60;
const WARMUP_QUERIES = 5;
const COLUMNS = defineVectorColumns([
  { field: 'agent', type: 'key' },
  { field: 'confidence', type: 'number' },
]);
const UNFILTERED = { projectId: BENCH_PROJECT, clauses: [] };
const FILTERED = {
  projectId: BENCH_PROJECT,
  clauses: [{ kind: 'eq', field: 'agent', type: 'key', value: RARE_AGENT } as const],
};

export interface SearchFigures {
  readonly filtered: boolean;
  readonly recall: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

/** Everything measured for one engine at one size; knob variants of a built index have searches only. */
export interface EngineFigures {
  readonly engine: string;
  readonly size: number;
  readonly ann: string;
  readonly search: readonly SearchFigures[];
  readonly writes: {
    readonly insertRowsPerSecond: number;
    /** optimize(): compaction, scalar indexes and, for ANN engines, the ANN build. */
    readonly optimizeSeconds: number | null;
    readonly deleteP50Ms: number;
  } | null;
  /** Shown in the chart: the engines themselves, not their knob variants. */
  readonly charted: boolean;
}

/** Query settings compared on an index already built: LanceDB's own defaults against ours. */
interface KnobVariant {
  readonly label: string;
  readonly settings: LanceDbSettingsInput;
}

/** The LanceDB configurations compared: the shipped default and the alternatives it was chosen over. */
export const LANCE_VARIANTS: readonly {
  readonly engine: string;
  readonly settings: LanceDbSettingsInput;
  readonly fullOnly: boolean;
  readonly knobs: readonly KnobVariant[];
}[] = [
  {
    engine: 'lancedb flat',
    settings: { annThreshold: Number.POSITIVE_INFINITY },
    fullOnly: false,
    knobs: [],
  },
  {
    engine: 'lancedb ann (default: hnsw-sq)',
    settings: {},
    fullOnly: false,
    knobs: [
      {
        label: 'hnsw-sq, LanceDB query defaults',
        settings: { overfetch: 0, ann: { ef: 0, refineFactor: 0 } },
      },
      { label: 'hnsw-sq, ef 100, no refine', settings: { overfetch: 0, ann: { ef: 100, refineFactor: 0 } } },
    ],
  },
  {
    engine: 'lancedb hnsw-sq, LanceDB defaults',
    settings: { overfetch: 0, ann: { numPartitions: 0, ef: 0, refineFactor: 0 } },
    fullOnly: true,
    knobs: [],
  },
  {
    engine: 'lancedb ivf-pq',
    settings: { ann: { type: 'ivf-pq' } },
    fullOnly: true,
    knobs: [
      {
        label: 'ivf-pq, LanceDB query defaults',
        settings: { overfetch: 0, ann: { type: 'ivf-pq', nprobes: 0, refineFactor: 0 } },
      },
    ],
  },
];

async function load(index: VectorIndex, dataset: VectorDataset, optimize: boolean) {
  const insertMs = await timeIt(async () => {
    for (let start = 0; start < dataset.size; start += INSERT_BATCH) {
      await index.upsert(dataset.rows.slice(start, start + INSERT_BATCH));
    }
  });
  const optimizeSeconds = optimize ? (await timeIt(() => index.optimize())) / 1000 : null;
  return { insertRowsPerSecond: dataset.size / (insertMs / 1000), optimizeSeconds };
}

async function searches(
  index: VectorIndex,
  dataset: VectorDataset,
  truth: GroundTruth,
): Promise<SearchFigures[]> {
  const figures: SearchFigures[] = [];
  for (const filtered of [false, true]) {
    const filter = filtered ? FILTERED : UNFILTERED;
    for (const vector of dataset.queries.slice(0, WARMUP_QUERIES))
      await index.search({ vector, k: K, filter });
    const latencies: number[] = [];
    const found: string[][] = [];
    for (const vector of dataset.queries) {
      const start = performance.now();
      const hits = await index.search({ vector, k: K, filter });
      latencies.push(performance.now() - start);
      found.push(hits.map((hit) => hit.id));
    }
    figures.push({
      filtered,
      recall: recall(found, filtered ? truth.rare : truth.all),
      p50Ms: quantile(latencies, 0.5),
      p95Ms: quantile(latencies, 0.95),
    });
  }
  return figures;
}

/** Single-row deletes spread over the table, one call each as the store makes them; p50. */
async function deletes(index: VectorIndex, dataset: VectorDataset): Promise<number> {
  const times: number[] = [];
  for (let d = 0; d < DELETES; d++) {
    const row = dataset.rows[Math.floor(((d + 0.5) * dataset.size) / DELETES)]!;
    times.push(await timeIt(() => index.delete([{ projectId: row.projectId, id: row.id }])));
  }
  return quantile(times, 0.5);
}

/**
 * Loads LanceDB's native module and lets V8 compile the hot paths before anything is timed, so the
 * first engine measured does not pay for what every later one gets for free.
 */
export async function warmUp(dataset: VectorDataset): Promise<void> {
  const rows = dataset.rows.slice(0, 2_000);
  const exact = new ExactVectorIndex({ dimension: BENCH_DIMENSION, columns: COLUMNS });
  const directory = await mkdtemp(join(tmpdir(), 'alma-bench-warmup-'));
  const database = await LanceDbVectorDatabase.open(directory, { optimizeEvery: 0 });
  try {
    const lance = await database.openIndex({ table: 'warmup', dimension: BENCH_DIMENSION, columns: COLUMNS });
    for (const index of [exact, lance]) {
      for (let start = 0; start < rows.length; start += 500)
        await index.upsert(rows.slice(start, start + 500));
      for (const vector of dataset.queries.slice(0, 10)) {
        await index.search({ vector, k: K, filter: UNFILTERED });
        await index.search({ vector, k: K, filter: FILTERED });
      }
      await index.delete(rows.slice(0, 10).map(({ projectId, id }) => ({ projectId, id })));
      await index.close();
    }
  } finally {
    database.close();
    await rm(directory, { recursive: true, force: true });
  }
}

/** The exact index (the exact kernel over per-project blocks), as the file store uses it. */
export async function runExact(dataset: VectorDataset, truth: GroundTruth): Promise<EngineFigures> {
  const index = new ExactVectorIndex({ dimension: BENCH_DIMENSION, columns: COLUMNS });
  try {
    const written = await load(index, dataset, false);
    const search = await searches(index, dataset, truth);
    const deleteP50Ms = await deletes(index, dataset);
    return {
      engine: 'exact kernel',
      size: dataset.size,
      ann: 'none',
      search,
      writes: { ...written, deleteP50Ms },
      charted: true,
    };
  } finally {
    await index.close();
  }
}

/**
 * One LanceDB configuration in a fresh temporary directory: load (automatic optimize off), one
 * optimize, searches, the knob variants on the same built index, then deletes (last, so every
 * search saw every row).
 */
export async function runLance(
  variant: (typeof LANCE_VARIANTS)[number],
  dataset: VectorDataset,
  truth: GroundTruth,
): Promise<EngineFigures[]> {
  const directory = await mkdtemp(join(tmpdir(), 'alma-bench-vector-'));
  const database = await LanceDbVectorDatabase.open(directory, { ...variant.settings, optimizeEvery: 0 });
  const open = (settings: LanceDbSettingsInput = {}) =>
    database.openIndex({ table: 'alma_bench', dimension: BENCH_DIMENSION, columns: COLUMNS, settings });
  try {
    const index = await open();
    try {
      const written = await load(index, dataset, true);
      const { ann } = await index.status();
      const results: EngineFigures[] = [];
      const search = await searches(index, dataset, truth);
      for (const knob of variant.knobs) {
        const tuned = await open(knob.settings);
        try {
          const figures = await searches(tuned, dataset, truth);
          results.push({
            engine: knob.label,
            size: dataset.size,
            ann,
            search: figures,
            writes: null,
            charted: false,
          });
        } finally {
          await tuned.close();
        }
      }
      const deleteP50Ms = await deletes(index, dataset);
      const main = {
        engine: variant.engine,
        size: dataset.size,
        ann,
        search,
        writes: { ...written, deleteP50Ms },
        charted: true,
      };
      return [main, ...results];
    } finally {
      await index.close();
    }
  } finally {
    database.close();
    await rm(directory, { recursive: true, force: true });
  }
}
