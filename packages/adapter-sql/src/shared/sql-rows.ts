import { type Kind, type MemoryRecord, searchableTokens } from '@alma/core';
import { join, raw, type Sql, sql } from './sql-client.js';
import { columnsOf, SEARCH_TEXT_COLUMN, tableOf } from './sql-columns.js';
import type { SqlDialect } from './sql-dialect.js';

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

/** One multi-row upsert: rows replace any row with the same (project_id, id), in place. */
export function upsertStatement<K extends Kind>(
  dialect: SqlDialect,
  kind: K,
  records: readonly MemoryRecord<K>[],
): Sql {
  const columns = columnsOf(kind);
  const names = [...columns.map((column) => column.name), SEARCH_TEXT_COLUMN];
  const rows = records.map((record) => {
    const fields = record as Record<string, unknown>;
    const values = columns.map((column) => dialect.param(column.type, fields[column.field] as never));
    values.push(dialect.param('text', searchTextOf(kind, record)));
    return sql`(${join(values, ', ')})`;
  });
  const updates = names
    .filter((name) => name !== 'project_id' && name !== 'id')
    .map((name) => `"${name}" = excluded."${name}"`);
  return sql`INSERT INTO ${raw(`"${tableOf(kind)}"`)} (${raw(names.map((name) => `"${name}"`).join(', '))})
    VALUES ${join(rows, ', ')}
    ON CONFLICT ("project_id", "id") DO UPDATE SET ${raw(updates.join(', '))}`;
}
