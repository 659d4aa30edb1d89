import { cosineTopK, normalize } from '@alma/vector';
import { BENCH_DIMENSION, type VectorDataset } from './vector-dataset.js';

/** Exact top-k ids per query, unfiltered and under the selective filter: what recall is measured against. */
export interface GroundTruth {
  readonly all: readonly (readonly string[])[];
  readonly rare: readonly (readonly string[])[];
}

export function groundTruth(dataset: VectorDataset, k: number): GroundTruth {
  const ids = (hits: { row: number }[]) => hits.map(({ row }) => dataset.rows[row]!.id);
  const scan = (query: Float32Array, accept?: (row: number) => boolean) =>
    ids(
      cosineTopK(dataset.block, BENCH_DIMENSION, dataset.size, normalize(query), k, accept ? { accept } : {}),
    );
  return {
    all: dataset.queries.map((query) => scan(query)),
    rare: dataset.queries.map((query) => scan(query, (row) => dataset.rare[row] === 1)),
  };
}

/** Share of the true ids found. */
export function recall(found: readonly (readonly string[])[], truth: readonly (readonly string[])[]): number {
  let hits = 0;
  let wanted = 0;
  truth.forEach((expected, q) => {
    const got = new Set(found[q]);
    hits += expected.filter((id) => got.has(id)).length;
    wanted += expected.length;
  });
  return hits / wanted;
}
