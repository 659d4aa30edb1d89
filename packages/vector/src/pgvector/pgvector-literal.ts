import { MAX_DIMENSION, ValidationError } from '@alma/core';

/**
 * A vector as pgvector's text input ('[0.1,0.2]'), to be bound as a parameter and cast with
 * `::vector`. Float32 values widen to doubles exactly and print in shortest round-trip form, so
 * the server's float4 parse gives back the very same bits.
 */
export function toVectorLiteral(vector: Float32Array | readonly number[]): string {
  const values = Array.from(vector);
  if (values.length === 0 || !values.every(Number.isFinite)) {
    throw new ValidationError('a pgvector value must be non-empty and finite');
  }
  // JSON prints each double in shortest round-trip form, which is pgvector's text syntax too.
  return JSON.stringify(values);
}

/** The column type for a dimension: `vector(384)`; HNSW indexes stop at 2,000 dimensions. */
export function vectorColumnType(dimension: number): string {
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > MAX_DIMENSION) {
    throw new ValidationError(`a pgvector dimension must be an integer from 1 to ${MAX_DIMENSION}`);
  }
  return `vector(${dimension})`;
}
