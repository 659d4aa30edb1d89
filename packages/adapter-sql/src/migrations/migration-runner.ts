import { existsSync } from 'node:fs';
import { ValidationError } from '@alma/core';
import type { MigrationDriver } from './migration-driver.js';
import { type MigrationFolder, readMigrationFolder } from './migration-files.js';
import { type MigrationStatus, planMigrations } from './migration-plan.js';
import { applyPendingMigrations, type MigrationRunResult, readMigrationStatus } from './migration-steps.js';
import { packagedMigrationsDirectory } from './packaged-migrations.js';

/** The database to migrate. */
export type MigrationTarget =
  | { readonly provider: 'postgres'; readonly connectionString: string }
  | { readonly provider: 'sqlite'; readonly file: string };

export interface MigrationOptions {
  /** A migrations folder to use instead of the one shipped with ALMA for the target's provider. */
  readonly migrationsDirectory?: string;
  /** How long to wait for another process migrating the same database; 60 s unless given. */
  readonly lockTimeoutMs?: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

/**
 * Applies the pending migrations to `target`, in order, one transaction each; safe to call from
 * several processes at once. Writes `_prisma_migrations` as `prisma migrate deploy` would.
 * @example await migrate({ provider: 'sqlite', file: '.alma/alma.db' })
 */
export async function migrate(
  target: MigrationTarget,
  options: MigrationOptions = {},
): Promise<MigrationRunResult> {
  const folder = await folderFor(target, options);
  const driver = await connect(target, options, false);
  try {
    return await applyPendingMigrations(driver, folder);
  } finally {
    await driver.close();
  }
}

/** Which migrations `target` has applied, which are pending, failed, changed or unknown; changes nothing. */
export async function migrationStatus(
  target: MigrationTarget,
  options: MigrationOptions = {},
): Promise<MigrationStatus> {
  const folder = await folderFor(target, options);
  if (target.provider === 'sqlite' && !existsSync(target.file)) return planMigrations(folder.migrations, []);
  const driver = await connect(target, options, true);
  try {
    return await readMigrationStatus(driver, folder);
  } finally {
    await driver.close();
  }
}

async function folderFor(target: MigrationTarget, options: MigrationOptions): Promise<MigrationFolder> {
  if (target?.provider !== 'postgres' && target?.provider !== 'sqlite') {
    throw new ValidationError(
      "a migration target is { provider: 'postgres', connectionString } or { provider: 'sqlite', file }",
    );
  }
  return readMigrationFolder(options.migrationsDirectory ?? packagedMigrationsDirectory(target.provider));
}

async function connect(
  target: MigrationTarget,
  options: MigrationOptions,
  readOnly: boolean,
): Promise<MigrationDriver> {
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  // At least 1: a zero lock_timeout means "wait forever" to PostgreSQL but "never wait" to SQLite.
  if (!Number.isInteger(lockTimeoutMs) || lockTimeoutMs < 1) {
    throw new ValidationError('lockTimeoutMs must be a whole number of milliseconds ≥ 1');
  }
  if (target.provider === 'postgres') {
    if (typeof target.connectionString !== 'string' || target.connectionString.length === 0) {
      throw new ValidationError('a postgres migration target needs a connectionString');
    }
    // Each provider's driver is loaded only when used: a SQLite process never loads pg, and the reverse.
    const { PostgresMigrationDriver } = await import('./postgres-migration-driver.js');
    return PostgresMigrationDriver.connect(target.connectionString, lockTimeoutMs);
  }
  if (typeof target.file !== 'string' || target.file.length === 0) {
    throw new ValidationError('a sqlite migration target needs a file');
  }
  const { SqliteMigrationDriver } = await import('./sqlite-migration-driver.js');
  return SqliteMigrationDriver.open(target.file, { lockTimeoutMs, readOnly });
}
