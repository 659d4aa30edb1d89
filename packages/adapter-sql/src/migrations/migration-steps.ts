import { isAlmaError, StorageError, ValidationError } from '@alma/core';
import type { MigrationDriver } from './migration-driver.js';
import type { MigrationFile, MigrationFolder } from './migration-files.js';
import { assertMigratable, type MigrationStatus, planMigrations } from './migration-plan.js';
import {
  ensureMigrationsTable,
  failedMigrationLogs,
  migrationsTableExists,
  readMigrationRecords,
  recordMigrationFailed,
  recordMigrationFinished,
  recordMigrationStarted,
} from './prisma-migrations-table.js';

/** What one run did. */
export interface MigrationRunResult {
  /** The migrations this run applied, in order; empty when the database was up to date. */
  readonly applied: readonly string[];
}

type Step = { readonly kind: 'done' } | { readonly kind: 'applied'; readonly name: string } | FailedStep;
type FailedStep = { readonly kind: 'failed'; readonly name: string; readonly error: unknown };

/**
 * Applies the folder's pending migrations in order, each in its own transaction together with its
 * `_prisma_migrations` row, while other migrators of the same database wait.
 */
export async function applyPendingMigrations(
  driver: MigrationDriver,
  folder: MigrationFolder,
): Promise<MigrationRunResult> {
  assertProvider(driver, folder);
  return driver.exclusive(async () => {
    const applied: string[] = [];
    for (;;) {
      // The state is read again inside each transaction: another process may have moved it on.
      const step = await driver
        .transaction(() => nextStep(driver, folder))
        .catch((error: unknown) => {
          if (isAlmaError(error)) throw error;
          throw new StorageError(`migrating failed: ${messageOf(error)}`, {
            cause: error,
            details: { applied },
          });
        });
      if (step.kind === 'done') return { applied };
      if (step.kind === 'failed') {
        throw new StorageError(
          `migration ${step.name} failed and was rolled back: ${messageOf(step.error)}`,
          {
            cause: step.error,
            details: { migration: step.name, applied },
          },
        );
      }
      applied.push(step.name);
    }
  });
}

/** Where the database stands, without changing it. */
export async function readMigrationStatus(
  driver: MigrationDriver,
  folder: MigrationFolder,
): Promise<MigrationStatus> {
  assertProvider(driver, folder);
  const records = (await migrationsTableExists(driver)) ? await readMigrationRecords(driver) : [];
  return planMigrations(folder.migrations, records);
}

async function nextStep(driver: MigrationDriver, folder: MigrationFolder): Promise<Step> {
  await ensureMigrationsTable(driver);
  const records = await readMigrationRecords(driver);
  const status = planMigrations(folder.migrations, records);
  assertMigratable(status, records);
  const next = folder.migrations.find((migration) => migration.name === status.pending[0]);
  return next ? apply(driver, next) : { kind: 'done' };
}

async function apply(driver: MigrationDriver, migration: MigrationFile): Promise<Step> {
  const id = await recordMigrationStarted(driver, migration);
  // The savepoint lets a failed script be undone while its failure is still recorded and
  // committed, leaving the row Prisma leaves: finished_at null, the error in logs.
  await driver.execute('SAVEPOINT alma_migration');
  try {
    await driver.execute(migration.script);
  } catch (error) {
    // Some errors (SQLite's BUSY, FULL, IOERR) end the whole transaction: then nothing was applied
    // and nothing can be recorded, and the run fails with the original error.
    await driver.execute('ROLLBACK TO SAVEPOINT alma_migration').catch(() => Promise.reject(error));
    await recordMigrationFailed(driver, id, failedMigrationLogs(migration.name, error));
    return { kind: 'failed', name: migration.name, error };
  }
  await driver.execute('RELEASE SAVEPOINT alma_migration');
  await recordMigrationFinished(driver, id);
  return { kind: 'applied', name: migration.name };
}

function assertProvider(driver: MigrationDriver, folder: MigrationFolder): void {
  if (folder.lockedProvider !== null && folder.lockedProvider !== driver.provider) {
    throw new ValidationError(
      `the migrations in ${folder.directory} are for ${folder.lockedProvider}, not ${driver.provider}`,
      { details: { expected: driver.provider, found: folder.lockedProvider } },
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
