import type { VectorIndexHealth } from '@alma/adapter-sql';

/**
 * The one rule of "the vector index is in step": it holds exactly the rows that have an embedding.
 * An outbox backlog is not a gap (the next open or write applies it); `doctor` reports it apart.
 * Here, beside `vectorHealth`, so that apps read it without loading a backend.
 */
export function kindsBehind(health: readonly VectorIndexHealth[]): VectorIndexHealth[] {
  return health.filter((entry) => entry.indexedRows !== entry.rowsWithEmbedding);
}
