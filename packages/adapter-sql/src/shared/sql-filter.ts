import type { Clause, Kind, NormalizedFilter } from '@alma/core';
import { join, raw, type Sql, sql } from './sql-client.js';
import { columnOf } from './sql-columns.js';
import { paramOf, type SqlDialect } from './sql-dialect.js';

const RANGE_SQL = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** Compiles core's canonical filter to a WHERE condition; every value is a bound parameter. */
export function whereOf(dialect: SqlDialect, kind: Kind, filter: NormalizedFilter): Sql {
  const conditions = [sql`"project_id" = ${paramOf(dialect, 'key', filter.projectId)}`];
  for (const clause of filter.clauses) conditions.push(conditionOf(dialect, kind, clause));
  return join(conditions, ' AND ');
}

function conditionOf(dialect: SqlDialect, kind: Kind, clause: Clause): Sql {
  if (clause.kind === 'metadata') return dialect.metadataEquals(clause.key, clause.value);
  const column = columnOf(kind, clause.field);
  const name = raw(`"${column.name}"`);
  switch (clause.kind) {
    case 'eq':
      return clause.value === null
        ? sql`${name} IS NULL`
        : sql`${name} = ${paramOf(dialect, column.type, clause.value)}`;
    case 'ne':
      return clause.value === null
        ? sql`${name} IS NOT NULL`
        : dialect.distinctFrom(name, paramOf(dialect, column.type, clause.value));
    case 'in':
      return sql`${name} IN (${join(
        clause.values.map((value) => paramOf(dialect, column.type, value)),
        ', ',
      )})`;
    default:
      return sql`${name} ${raw(RANGE_SQL[clause.kind])} ${paramOf(dialect, column.type, clause.value)}`;
  }
}
