import type { Kind } from '@alma/core';
import Database from 'better-sqlite3';
import type { Sql } from '../shared/sql-client.js';
import { columnsOf } from '../shared/sql-columns.js';

type Row = Record<string, unknown>;

/** Prepared statements kept per SQL text; searches repeat a handful of shapes. */
const CACHED_STATEMENTS = 256;

/**
 * A second, read-only connection for the hot reads of a search, through the driver itself: its
 * statements are prepared once and reused, and it never waits behind a write. In WAL mode each
 * statement sees every transaction committed before it began, never one still open (decision 091).
 */
export class SqliteReader {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
  }

  /** The rows of one statement built with `sql` fragments, values bound as the store binds them. */
  all(statement: Sql): Row[] {
    return this.prepared(statement.sql).all(...statement.values.map(bindable)) as Row[];
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }

  private prepared(text: string): Database.Statement {
    let prepared = this.statements.get(text);
    if (prepared) {
      // Most recently used last: the first entry is the one to evict.
      this.statements.delete(text);
    } else {
      prepared = this.db.prepare(text);
      if (this.statements.size >= CACHED_STATEMENTS) {
        this.statements.delete(this.statements.keys().next().value as string);
      }
    }
    this.statements.set(text, prepared);
    return prepared;
  }
}

function bindable(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/**
 * A driver row as Prisma's client returns it for the same columns (DATETIME as Date, JSONB parsed),
 * so the dialect decodes rows from either connection alike.
 */
export function asClientRow(kind: Kind, row: Row): Row {
  for (const column of columnsOf(kind)) {
    const value = row[column.name];
    if (typeof value !== 'string') continue;
    if (column.type === 'instant') row[column.name] = new Date(value);
    else if (column.type === 'json') row[column.name] = JSON.parse(value);
  }
  return row;
}
