import {
  embeddingTextOfRecord,
  type Kind,
  type MemoryRecord,
  NotFoundError,
  type PatchInput,
  type Ref,
} from '@alma/core';
import type { Alma } from '@alma/engine';

/**
 * Changes a record's fields; when the change alters the text its embedding is made of, the
 * embedding is recomputed with the project's embedder in the same write, so search stays true.
 */
export async function updateRecord<K extends Kind>(
  engine: Alma,
  kind: K,
  ref: Ref,
  patch: PatchInput<K>,
): Promise<MemoryRecord<K>> {
  const collection = engine.store.kind(kind);
  const current = await collection.get(ref);
  if (!current)
    throw new NotFoundError(`${kind} ${ref.id} not found in project ${ref.projectId}`, {
      details: { ...ref },
    });
  const before = embeddingTextOfRecord(kind, current);
  const after = embeddingTextOfRecord(kind, { ...current, ...patch } as MemoryRecord<K>);
  if (after === before || after === null) return collection.update(ref, patch);
  const [embedding] = await engine.embedder.embed([after]);
  return collection.update(ref, { ...patch, embedding } as PatchInput<K>);
}
