import { fieldsOf, type Kind, storageNameOf, ValidationError } from '@alma/core';

/** Field types a vector index can hold as a scalar column (no JSON, no second vector). */
export const VECTOR_COLUMN_TYPES = ['key', 'text', 'number', 'integer', 'boolean', 'instant'] as const;
/** A column's field type. */
export type VectorColumnType = (typeof VECTOR_COLUMN_TYPES)[number];

/** One scalar column: the record field it copies, its type, and its snake_case storage name. */
export interface VectorColumn {
  readonly field: string;
  readonly type: VectorColumnType;
  readonly storageName: string;
}

/** The scalar columns of an index, validated and frozen by defineVectorColumns. */
export type VectorColumns = readonly VectorColumn[];

/** Storage names every index keeps for itself; no scalar column may take one. */
export const RESERVED_STORAGE_NAMES: ReadonlySet<string> = new Set([
  'ref',
  'project_id',
  'id',
  'vector',
  'zero_vector',
  'metadata_terms',
]);

const FIELD_NAME = /^[a-z][A-Za-z0-9]{0,62}$/;

/**
 * Validates and freezes a column list. `id` and `projectId` are always present and not listed.
 * @example defineVectorColumns([{ field: 'agent', type: 'key' }, { field: 'confidence', type: 'number' }])
 */
export function defineVectorColumns(
  columns: readonly { readonly field: string; readonly type: VectorColumnType }[],
): VectorColumns {
  const seen = new Set<string>();
  const defined = columns.map(({ field, type }) => {
    if (!FIELD_NAME.test(field)) throw new ValidationError(`column field '${field}' is not a camelCase name`);
    if (!(VECTOR_COLUMN_TYPES as readonly string[]).includes(type)) {
      throw new ValidationError(`column '${field}' has unsupported type '${type}'`);
    }
    const storageName = storageNameOf(field);
    if (RESERVED_STORAGE_NAMES.has(storageName) || field === 'projectId') {
      throw new ValidationError(`column '${field}' is reserved: every index keeps it itself`);
    }
    if (seen.has(storageName)) throw new ValidationError(`column '${field}' is listed twice`);
    seen.add(storageName);
    return Object.freeze({ field, type, storageName });
  });
  return Object.freeze(defined);
}

/**
 * The scalar columns of a memory kind: every field a filter may name except free text, which
 * would copy whole documents into the index. Pass `{ text: true }` to keep text fields too.
 */
export function kindVectorColumns(kind: Kind, options: { readonly text?: boolean } = {}): VectorColumns {
  const columns: { field: string; type: VectorColumnType }[] = [];
  for (const [field, spec] of Object.entries(fieldsOf(kind))) {
    if (field === 'id' || field === 'projectId') continue;
    if (spec.type === 'text' && !options.text) continue;
    if ((VECTOR_COLUMN_TYPES as readonly string[]).includes(spec.type)) {
      columns.push({ field, type: spec.type as VectorColumnType });
    }
  }
  return defineVectorColumns(columns);
}

/** Looks a column up by field name. */
export function columnOf(columns: VectorColumns, field: string): VectorColumn | undefined {
  return columns.find((column) => column.field === field);
}
