import { randomUUID } from 'node:crypto';
import type { MigrationDriver, PrismaProvider, SqlParameter } from './migration-driver.js';
import type { MigrationFile } from './migration-files.js';

/** One row of `_prisma_migrations`: one attempt to apply one migration. */
export interface MigrationRecord {
  readonly id: string;
  readonly checksum: string;
  readonly migrationName: string;
  readonly startedAt: Date;
  /** Set once the migration has been applied; null while it runs and after it failed. */
  readonly finishedAt: Date | null;
  /** Set by `prisma migrate resolve --rolled-back`: the attempt no longer counts. */
  readonly rolledBackAt: Date | null;
  readonly logs: string | null;
  readonly appliedStepsCount: number;
}

// The schema engine's own DDL (sql-schema-connector, flavour/postgres.rs and flavour/sqlite.rs),
// kept verbatim so that `prisma migrate` finds exactly the table it would have created.
const CREATE_TABLE: Record<PrismaProvider, string> = {
  postgresql: `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`,
  sqlite: `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`,
};

const TABLE_EXISTS: Record<PrismaProvider, string> = {
  postgresql: `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`,
  sqlite: `SELECT count(*) > 0 AS present FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
};

/** Whether the database has a `_prisma_migrations` table yet. */
export async function migrationsTableExists(driver: MigrationDriver): Promise<boolean> {
  const [row] = await driver.query(TABLE_EXISTS[driver.provider]);
  return Boolean(row?.present);
}

/** Creates `_prisma_migrations` unless it exists; call inside the migrators' transaction. */
export async function ensureMigrationsTable(driver: MigrationDriver): Promise<void> {
  if (!(await migrationsTableExists(driver))) await driver.execute(CREATE_TABLE[driver.provider]);
}

/** Every attempt recorded, oldest first, as `prisma migrate` lists them. */
export async function readMigrationRecords(driver: MigrationDriver): Promise<MigrationRecord[]> {
  const rows = await driver.query(
    `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
     FROM _prisma_migrations ORDER BY started_at ASC`,
  );
  return rows.map((row) => ({
    id: String(row.id),
    checksum: String(row.checksum),
    migrationName: String(row.migration_name),
    startedAt: timestampOf(row.started_at) ?? new Date(0),
    finishedAt: timestampOf(row.finished_at),
    rolledBackAt: timestampOf(row.rolled_back_at),
    logs: row.logs === null || row.logs === undefined ? null : String(row.logs),
    appliedStepsCount: Number(row.applied_steps_count),
  }));
}

/** Records that `migration` is being applied, as Prisma does before running it; returns the row's id. */
export async function recordMigrationStarted(
  driver: MigrationDriver,
  migration: MigrationFile,
): Promise<string> {
  const id = randomUUID();
  await driver.query(
    'INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES (?, ?, ?, ?)',
    [id, migration.checksum, timestamp(driver, new Date()), migration.name],
  );
  return id;
}

/** Records the one step (the whole script) as applied and the migration as finished. */
export async function recordMigrationFinished(driver: MigrationDriver, id: string): Promise<void> {
  await driver.query(
    'UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = ? WHERE id = ?',
    [timestamp(driver, new Date()), id],
  );
}

/** Records why the migration failed; `finished_at` stays null, which is what marks it failed. */
export async function recordMigrationFailed(
  driver: MigrationDriver,
  id: string,
  logs: string,
): Promise<void> {
  await driver.query('UPDATE _prisma_migrations SET logs = ? WHERE id = ?', [logs, id]);
}

/** The log Prisma writes for a failed migration (its error P3018), so `prisma migrate status` reads the same. */
export function failedMigrationLogs(migrationName: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return [
    'A migration failed to apply. New migrations cannot be applied before the error is recovered from. ' +
      'Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve',
    `Migration name: ${migrationName}`,
    `Database error code: ${typeof code === 'string' || typeof code === 'number' ? code : 'unknown'}`,
    `Database error:\n${message}\n`,
  ].join('\n\n');
}

// Prisma's SQLite connector stores DateTime as integer milliseconds since the epoch (quaint's
// sqlite conversion); PostgreSQL gets a timestamptz.
function timestamp(driver: MigrationDriver, date: Date): SqlParameter {
  return driver.provider === 'sqlite' ? date.getTime() : date;
}

function timestampOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const text = String(value);
  // SQLite's own current_timestamp default: 'YYYY-MM-DD HH:MM:SS' in UTC.
  const sqliteText = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text);
  return new Date(sqliteText ? `${text.replace(' ', 'T')}Z` : text);
}
