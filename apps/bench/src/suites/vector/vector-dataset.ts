import { normalizeInto, type VectorRow } from '@alma/vector';
import { clusteredVectors, seededRandom } from '@alma/vector/testing';

export const BENCH_DIMENSION = 384;
export const BENCH_PROJECT = 'bench';
/** About 10% of rows carry this agent: the selective filter of the benchmark. */
export const RARE_AGENT = 'rare';
const SEED = 20_260_115;

/** One benchmark data set: rows, their normalised vectors back to back, and query vectors. */
export interface VectorDataset {
  readonly size: number;
  readonly rows: readonly VectorRow[];
  /** Row i's unit vector at i × dimension: what the exact kernel scans. */
  readonly block: Float32Array;
  /** rare[i]: row i passes the filter. */
  readonly rare: Uint8Array;
  readonly queries: readonly Float32Array[];
}

/** Clustered 384-d data with a fixed seed: the same rows and queries on every run. */
export function makeDataset(size: number, queryCount: number): VectorDataset {
  const points = clusteredVectors({ dimension: BENCH_DIMENSION, clusters: 100, spread: 1, seed: SEED });
  const random = seededRandom(SEED + 1);
  const block = new Float32Array(size * BENCH_DIMENSION);
  const rare = new Uint8Array(size);
  const rows: VectorRow[] = [];
  for (let i = 0; i < size; i++) {
    const vector = points.next();
    normalizeInto(vector, block, i * BENCH_DIMENSION);
    rare[i] = random() < 0.1 ? 1 : 0;
    rows.push({
      projectId: BENCH_PROJECT,
      id: `doc-${String(i).padStart(7, '0')}`,
      vector,
      fields: { agent: rare[i] ? RARE_AGENT : 'common', confidence: Math.round(random() * 100) / 100 },
    });
  }
  // Queries come from the same distribution but are not rows: a new task, not a stored one.
  const queries = Array.from({ length: queryCount }, () => points.next());
  return { size, rows, block, rare, queries };
}
