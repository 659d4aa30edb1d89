import {
  type Clause,
  MAX_INSTANT,
  METADATA_KEY_PATTERN,
  type MetadataValue,
  MIN_INSTANT,
  type NormalizedFilter,
  PROJECT_ID_PATTERN,
  type Scalar,
  UnsupportedError,
  ValidationError,
} from '@alma/core';
import { columnOf, type VectorColumn, type VectorColumns, type VectorColumnType } from './vector-columns.js';

/** The record id as a column: every index keeps it, so filters may always name it. */
export const ID_COLUMN: VectorColumn = Object.freeze({ field: 'id', type: 'key', storageName: 'id' });

type FieldClause = Exclude<Clause, { kind: 'metadata' }>;

/** A checked clause with the column it names; metadata clauses stand alone. */
export type ResolvedClause =
  | { readonly clause: FieldClause; readonly column: VectorColumn }
  | { readonly clause: Extract<Clause, { kind: 'metadata' }>; readonly column: null };

/** A filter checked against an index's columns. */
export interface ResolvedFilter {
  readonly projectId: string;
  readonly clauses: readonly ResolvedClause[];
}

const RANGEABLE: ReadonlySet<VectorColumnType> = new Set(['number', 'integer', 'instant']);

/**
 * Checks a core filter against the columns an index was created with. A column the index lacks,
 * or metadata where the index keeps none, is UNSUPPORTED; a value of the wrong type is VALIDATION.
 * Every compiler and evaluator of the package starts from this, so they all refuse the same input.
 */
export function resolveVectorFilter(
  filter: NormalizedFilter,
  columns: VectorColumns,
  options: { readonly metadata: boolean; readonly indexName: string },
): ResolvedFilter {
  if (typeof filter.projectId !== 'string' || !PROJECT_ID_PATTERN.test(filter.projectId)) {
    throw new ValidationError('filter.projectId must be a valid project id');
  }
  const clauses = filter.clauses.map((clause): ResolvedClause => {
    if (clause.kind === 'metadata') {
      if (!options.metadata) {
        throw new UnsupportedError(`${options.indexName} does not filter by metadata`, {
          details: { key: clause.key },
        });
      }
      checkMetadataClause(clause.key, clause.value);
      return { clause, column: null };
    }
    const column = clause.field === 'id' ? ID_COLUMN : columnOf(columns, clause.field);
    if (!column) {
      throw new UnsupportedError(`${options.indexName} has no column '${clause.field}' to filter by`, {
        details: { field: clause.field },
      });
    }
    checkFieldClause(clause, column);
    return { clause, column };
  });
  return { projectId: filter.projectId, clauses };
}

function checkFieldClause(clause: FieldClause, column: VectorColumn): void {
  const declared = clause.type === 'id' ? 'key' : clause.type;
  if (declared !== column.type) {
    throw new ValidationError(
      `filter on '${clause.field}' says ${clause.type}, the index column is ${column.type}`,
    );
  }
  if (clause.kind === 'in') {
    if (clause.values.length === 0) throw new ValidationError(`'in' on '${clause.field}' needs a value`);
    for (const value of clause.values) checkValue(column, value);
    return;
  }
  if (clause.kind !== 'eq' && clause.kind !== 'ne' && !RANGEABLE.has(column.type)) {
    throw new ValidationError(`'${clause.kind}' is not allowed on '${clause.field}' (${column.type})`);
  }
  if (clause.value === null) {
    if (clause.kind !== 'eq' && clause.kind !== 'ne') {
      throw new ValidationError(`'${clause.kind}' on '${clause.field}' needs a value, not null`);
    }
    return;
  }
  checkValue(column, clause.value);
}

/** Throws unless `value` is a valid value of the column's type. */
export function checkValue(column: VectorColumn, value: Scalar): void {
  const fail = (what: string) =>
    new ValidationError(`value for '${column.field}' must be ${what}`, { details: { field: column.field } });
  switch (column.type) {
    case 'key':
    case 'text':
      if (typeof value !== 'string') throw fail('a string');
      if (value.includes('\u0000')) throw fail('free of the NUL character');
      return;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('a finite number');
      if (column.type === 'integer' && !Number.isSafeInteger(value)) throw fail('a safe integer');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('a boolean');
      return;
    case 'instant': {
      const time = value instanceof Date ? value.getTime() : Number.NaN;
      if (!(time >= MIN_INSTANT && time <= MAX_INSTANT)) throw fail('a Date between years 1 and 9999');
      return;
    }
  }
}

function checkMetadataClause(key: string, value: MetadataValue): void {
  if (!METADATA_KEY_PATTERN.test(key))
    throw new ValidationError(`metadata key '${key}' is not a plain identifier`);
  // A string holding NUL is allowed and simply matches nothing: stored metadata never holds one.
  const ok =
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value));
  if (!ok) throw new ValidationError(`metadata.${key} must be a string, finite number or boolean`);
}
