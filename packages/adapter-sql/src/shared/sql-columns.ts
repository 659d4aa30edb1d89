import { type FieldType, fieldsOf, KIND_STORAGE_NAMES, type Kind, storageNameOf } from '@alma/core';

/** One record field as a SQL column. */
export interface SqlColumn {
  readonly field: string;
  readonly name: string;
  readonly type: FieldType;
  readonly nullable: boolean;
  readonly counter: boolean;
}

/** The column holding a record's searchable words, written by the store on every write. */
export const SEARCH_TEXT_COLUMN = 'search_text';

const columnsByKind = new Map<Kind, readonly SqlColumn[]>();

/** Every field of a kind as a column, in schema order; the schemas map each field to its snake_case name. */
export function columnsOf(kind: Kind): readonly SqlColumn[] {
  let columns = columnsByKind.get(kind);
  if (!columns) {
    columns = Object.entries(fieldsOf(kind)).map(([field, spec]) => ({
      field,
      name: storageNameOf(field),
      type: spec.type,
      nullable: spec.nullable,
      counter: spec.counter,
    }));
    columnsByKind.set(kind, columns);
  }
  return columns;
}

export function columnOf(kind: Kind, field: string): SqlColumn {
  const column = columnsOf(kind).find((candidate) => candidate.field === field);
  if (!column) throw new Error(`no column for ${kind}.${field}`);
  return column;
}

export function tableOf(kind: Kind): string {
  return KIND_STORAGE_NAMES[kind];
}
