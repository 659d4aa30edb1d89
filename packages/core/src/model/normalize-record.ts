import { DimensionMismatchError } from '../errors/alma-error.js';
import { fieldsOf, KIND_SCHEMAS, type Kind, type MemoryInput, type MemoryRecord } from './kinds.js';
import { validationErrorFrom } from './patch.js';

/**
 * The one place input becomes a canonical record: validated, defaults applied, timestamps at
 * millisecond UTC, embedding as Float32Array of the store's dimension (DC-1..4, DC-10).
 */
export function normalizeRecord<K extends Kind>(
  kind: K,
  input: MemoryInput<K>,
  options: { now: Date; dimension: number },
): MemoryRecord<K> {
  const withTimes: Record<string, unknown> = { ...(input as object) };
  for (const [name, spec] of Object.entries(fieldsOf(kind))) {
    if (spec.defaultNow && withTimes[name] === undefined) withTimes[name] = options.now;
  }
  const result = KIND_SCHEMAS[kind].safeParse(withTimes);
  if (!result.success) throw validationErrorFrom(`invalid ${kind}`, result.error);
  const record = result.data as MemoryRecord<K>;
  assertDimension(record.embedding, options.dimension);
  return record;
}

/** Embeddings must have the dimension recorded in the store. */
export function assertDimension(vector: Float32Array | null | undefined, dimension: number): void {
  if (vector && vector.length !== dimension) throw new DimensionMismatchError(dimension, vector.length);
}
