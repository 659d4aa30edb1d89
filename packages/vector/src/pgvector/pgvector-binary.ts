import { ValidationError } from '@alma/core';

/**
 * Parses pgvector's binary form (what `vector_send(v)` returns as bytea): a 16-bit dimension, 16
 * unused bits, then each element as a big-endian float4. Reading it is a byte swap per element;
 * the text form costs a float parse per element and its garbage, the largest cost of a PostgreSQL
 * read path (decision 090).
 */
export function fromVectorBinary(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength < 4) throw new ValidationError('not a pgvector binary vector');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dimension = view.getUint16(0);
  if (bytes.byteLength !== 4 + dimension * 4) throw new ValidationError('not a pgvector binary vector');
  const vector = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) vector[i] = view.getFloat32(4 + i * 4);
  return vector;
}
