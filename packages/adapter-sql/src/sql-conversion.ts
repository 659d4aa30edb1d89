import { type Kind, type MemoryRecord, searchableTokens } from '@alma/core';
import { join, raw, Sql } from './shared/sql-client.js';
import { columnsOf, SEARCH_TEXT_COLUMN, tableOf } from './shared/sql-columns.js';
import type { FieldParam, SqlDialect } from './shared/sql-dialect.js';

/** Rows hold fields under their column names; this reads one back into a canonical record. */
export function recordOf<K extends Kind>(
  dialect: SqlDialect,
  kind: K,
  row: Record<string, unknown>,
): MemoryRecord<K> {
  const record: Record<string, unknown> = {};
  for (const column of columnsOf(kind)) record[column.field] = dialect.decode(column.type, row[column.name]);
  return record as MemoryRecord<K>;
}

/** `FROM "alma_x" AS r`: every statement aliases the table so joins stay unambiguous. */
export function fromTable(kind: Kind): Sql {
  return raw(`"${tableOf(kind)}" AS r`);
}

/** The select list of a kind's columns, qualified by the `r` alias (RETURNING lists must not be: SQLite refuses). */
export function selectList(dialect: SqlDialect, kind: Kind, alias: 'r' | null = 'r'): Sql {
  return join(
    columnsOf(kind).map((column) => dialect.selectColumn(column.name, column.type, alias)),
    ', ',
  );
}

/** The searchable words of a record, as stored in `search_text`. */
export function searchTextOf<K extends Kind>(kind: K, record: MemoryRecord<K>): string {
  return searchableTokens(kind, record).join(' ');
}

/**
 * One multi-row upsert: rows replace any row with the same (project_id, id), in place. Built as one
 * flat statement (text pieces and bound values side by side): batches bind thousands of values, and
 * nesting a fragment per value would cost more than the database spends inserting them.
 */
export function upsertStatement<K extends Kind>(
  dialect: SqlDialect,
  kind: K,
  records: readonly MemoryRecord<K>[],
): Sql {
  const columns = columnsOf(kind);
  const names = [...columns.map((column) => column.name), SEARCH_TEXT_COLUMN];
  const updates = names
    .filter((name) => name !== 'project_id' && name !== 'id')
    .map((name) => `"${name}" = excluded."${name}"`);
  const casts = [...columns.map((column) => dialect.cast(column.type)), dialect.cast('text')];
  const strings: string[] = [
    `INSERT INTO "${tableOf(kind)}" (${names.map((name) => `"${name}"`).join(', ')}) VALUES (`,
  ];
  const values: unknown[] = [];
  records.forEach((record, row) => {
    const fields = record as Record<string, unknown>;
    for (const column of columns)
      values.push(dialect.encode(column.type, fields[column.field] as FieldParam));
    values.push(dialect.encode('text', searchTextOf(kind, record)));
    casts.forEach((cast, i) => {
      const last = i === casts.length - 1;
      strings.push(!last ? `${cast}, ` : row < records.length - 1 ? `${cast}), (` : `${cast})`);
    });
  });
  strings[strings.length - 1] += ` ON CONFLICT ("project_id", "id") DO UPDATE SET ${updates.join(', ')}`;
  return new Sql(strings, values);
}
