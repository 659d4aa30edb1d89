import type { Kind } from '@alma/core';

/** The state of a derived vector index next to the rows it mirrors, per kind. */
export interface VectorIndexHealth {
  readonly kind: Kind;
  /** Rows holding an embedding: what the index should hold once the outbox is applied. */
  readonly rowsWithEmbedding: number;
  readonly indexedRows: number;
  /** Outbox entries not yet applied (all kinds). */
  readonly outboxBacklog: number;
}

/**
 * The one rule of "the vector index is in step": it holds exactly the rows that have an embedding.
 * An outbox backlog is not a gap (the next open or write applies it); `doctor` reports it apart.
 */
export function kindsBehind(health: readonly VectorIndexHealth[]): VectorIndexHealth[] {
  return health.filter((entry) => entry.indexedRows !== entry.rowsWithEmbedding);
}
