import { DimensionMismatchError, PROJECT_ID_PATTERN, ValidationError } from '@alma/core';
import { checkValue } from './resolve-vector-filter.js';
import type { VectorColumns } from './vector-columns.js';
import type { VectorRow, VectorSearchQuery } from './vector-index.js';

/** Largest k a search accepts: the store's hybrid search asks for pools of up to 1,000. */
export const MAX_VECTOR_K = 10_000;
const MAX_ID_LENGTH = 256;

/** Throws unless the vector has the index's dimension and holds only finite numbers. */
export function checkVector(
  vector: unknown,
  dimension: number,
  what: string,
): asserts vector is Float32Array {
  if (!(vector instanceof Float32Array)) throw new ValidationError(`${what} must be a Float32Array`);
  if (vector.length !== dimension) throw new DimensionMismatchError(dimension, vector.length);
  for (let i = 0; i < vector.length; i++) {
    if (!Number.isFinite(vector[i])) throw new ValidationError(`${what} must not contain NaN or Infinity`);
  }
}

/** Throws unless the row names a valid ref, has a valid vector, and only known, well-typed columns. */
export function checkVectorRow(row: VectorRow, dimension: number, columns: VectorColumns): void {
  if (typeof row.projectId !== 'string' || !PROJECT_ID_PATTERN.test(row.projectId)) {
    throw new ValidationError('row.projectId must be a valid project id');
  }
  if (
    typeof row.id !== 'string' ||
    row.id.length === 0 ||
    row.id.length > MAX_ID_LENGTH ||
    row.id.includes('\u0000')
  ) {
    throw new ValidationError(`row.id must be a string of 1 to ${MAX_ID_LENGTH} characters without NUL`);
  }
  checkVector(row.vector, dimension, 'row.vector');
  for (const [field, value] of Object.entries(row.fields ?? {})) {
    const column = columns.find((candidate) => candidate.field === field);
    if (!column) throw new ValidationError(`row has a value for '${field}', which is no column of the index`);
    if (value !== null && value !== undefined) checkValue(column, value);
  }
}

/** Throws unless the query vector and k are valid; the filter is checked by resolveVectorFilter. */
export function checkSearchQuery(query: VectorSearchQuery, dimension: number): void {
  checkVector(query.vector, dimension, 'query vector');
  if (!Number.isInteger(query.k) || query.k < 1 || query.k > MAX_VECTOR_K) {
    throw new ValidationError(`k must be an integer from 1 to ${MAX_VECTOR_K}`);
  }
}

/** Rows keyed by ref with the last duplicate kept, in first-seen order: upsert's semantics. */
export function lastPerRef(rows: readonly VectorRow[]): VectorRow[] {
  const byRef = new Map<string, VectorRow>();
  for (const row of rows) byRef.set(refKey(row.projectId, row.id), row);
  return [...byRef.values()];
}

/** One string per {projectId, id}; project ids never hold '/', so the key is unambiguous. */
export function refKey(projectId: string, id: string): string {
  return `${projectId}/${id}`;
}
