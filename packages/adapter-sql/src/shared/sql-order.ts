import type { FieldType, Kind, Order } from '@alma/core';
import { raw, type Sql, sql } from './sql-client.js';
import { columnOf } from './sql-columns.js';
import type { SqlDialect } from './sql-dialect.js';

/** What find sorts and keyset-compares by: a column, or the expression of a derived field. */
export interface SqlSortKey {
  readonly term: Sql;
  /** How the cursor's value is bound against `term`. */
  readonly type: FieldType;
  readonly isId: boolean;
}

/** An order's sort key: the column of a stored field, or a ratio divided as core's `orderValue` divides. */
export function sortKeyOf(dialect: SqlDialect, kind: Kind, order: Order): SqlSortKey {
  if (order.ratio === undefined) {
    const column = columnOf(kind, order.field);
    return { term: raw(`r."${column.name}"`), type: column.type, isId: column.name === 'id' };
  }
  const numerator = raw(`r."${columnOf(kind, order.ratio.numerator).name}"`);
  const denominator = raw(`r."${columnOf(kind, order.ratio.denominator).name}"`);
  // Divided in IEEE double, as JavaScript divides: the database's order and the cursor's value
  // (core's orderValue) agree bit for bit, so a page boundary never falls between two readings.
  return {
    term: sql`CASE WHEN ${denominator} > 0 THEN CAST(${numerator} AS ${raw(dialect.double)}) / ${denominator} ELSE 0 END`,
    type: 'number',
    isId: false,
  };
}
