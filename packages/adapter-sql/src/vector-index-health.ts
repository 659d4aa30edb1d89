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
