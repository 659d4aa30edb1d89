import type { Embedder } from './embedder.js';
import { embeddingTextOfRecord } from './embedding-text.js';
import type { Kind, MemoryRecord } from './kinds.js';

/**
 * The records with embeddings recomputed by `embedder`, in one call for the batch. A record of a
 * kind that is not embedded (a checkpoint, an artifact link) comes back with none.
 */
export async function reembedRecords(
  kind: Kind,
  batch: readonly MemoryRecord<Kind>[],
  embedder: Embedder,
): Promise<MemoryRecord<Kind>[]> {
  const texts = batch.map((record) => embeddingTextOfRecord(kind, record));
  const wanted = texts.filter((text) => text !== null);
  const vectors = wanted.length > 0 ? await embedder.embed(wanted) : [];
  let next = 0;
  return batch.map((record, i) => ({ ...record, embedding: texts[i] === null ? null : vectors[next++]! }));
}
