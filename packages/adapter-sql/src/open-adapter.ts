import type { PostgresStoreOptions } from './postgres/postgres-config.js';
import type { SqlStore } from './shared/sql-store.js';
import type { SqliteStoreOptions } from './sqlite/sqlite-config.js';

// Each provider (its generated Prisma client, driver adapter and driver) is loaded on first use, so
// opening a SQLite store never loads PostgreSQL's half, nor the reverse: half the start-up cost of
// a short command such as `alma stats`.

/**
 * Opens the embedded SQLite store, migrating it first.
 * @example const adapter = await openSqliteAdapter({ file: '.alma/alma.db' });
 */
export async function openSqliteAdapter(options: SqliteStoreOptions): Promise<SqlStore> {
  const provider = await import('./sqlite/sqlite-store.js');
  return provider.openSqliteAdapter(options);
}

/**
 * Opens a PostgreSQL store (pgvector), migrating it first.
 * @example const adapter = await openPostgresAdapter({ connectionString: 'postgres://alma@db:5432/alma' });
 */
export async function openPostgresAdapter(options: PostgresStoreOptions): Promise<SqlStore> {
  const provider = await import('./postgres/postgres-store.js');
  return provider.openPostgresAdapter(options);
}
