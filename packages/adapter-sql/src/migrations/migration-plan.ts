import { MigrationStateError } from '@alma/core';
import { checksumMatches } from './migration-checksum.js';
import type { MigrationFile } from './migration-files.js';
import type { MigrationRecord } from './prisma-migrations-table.js';

/** Where a database stands against the migrations folder; every list holds migration names. */
export interface MigrationStatus {
  /** Applied and finished, in folder order. */
  readonly applied: readonly string[];
  /** In the folder, never attempted (or attempted and resolved as rolled back): next to apply. */
  readonly pending: readonly string[];
  /** Started and never finished: they block every later run until resolved. */
  readonly failed: readonly string[];
  /** Applied, but the file has changed since: the database no longer matches the history. */
  readonly changed: readonly string[];
  /** Applied to the database but absent from the folder (a newer version of ALMA migrated it). */
  readonly unknown: readonly string[];
}

/** Compares the folder with the recorded attempts, by the rules `prisma migrate deploy` uses. */
export function planMigrations(
  files: readonly MigrationFile[],
  records: readonly MigrationRecord[],
): MigrationStatus {
  // A rolled-back attempt no longer counts: the migration is pending again.
  const live = records.filter((record) => record.rolledBackAt === null);
  const finished = new Map(
    live.filter((record) => record.finishedAt !== null).map((record) => [record.migrationName, record]),
  );
  const attempted = new Set(live.map((record) => record.migrationName));
  const onDisk = new Set(files.map((file) => file.name));
  return {
    applied: files.filter((file) => finished.has(file.name)).map((file) => file.name),
    pending: files.filter((file) => !attempted.has(file.name)).map((file) => file.name),
    failed: unique(live.filter((record) => record.finishedAt === null).map((record) => record.migrationName)),
    changed: files
      .filter((file) => {
        const record = finished.get(file.name);
        return record !== undefined && !checksumMatches(file.script, record.checksum);
      })
      .map((file) => file.name),
    unknown: [...finished.keys()].filter((name) => !onDisk.has(name)),
  };
}

/**
 * Refuses to migrate a database whose history is in doubt: an unresolved failed migration (as
 * Prisma's P3009 does), or an applied migration whose file has changed since.
 */
export function assertMigratable(status: MigrationStatus, records: readonly MigrationRecord[]): void {
  if (status.failed.length > 0) {
    const failures = status.failed.map((name) => {
      const record = records.find(
        (r) => r.migrationName === name && r.finishedAt === null && !r.rolledBackAt,
      );
      const logs = record?.logs?.trim();
      return `${name} (started ${record?.startedAt.toISOString()})${logs ? `:\n${logs}` : ''}`;
    });
    throw new MigrationStateError(
      `found failed migrations; resolve them before migrating again (see docs/migrations.md): ${failures.join('\n')}`,
      { details: { failed: status.failed } },
    );
  }
  if (status.changed.length > 0) {
    throw new MigrationStateError(
      `applied migrations were changed after they ran: ${status.changed.join(', ')}; ` +
        'restore their files, or write a new migration for the change',
      { details: { changed: status.changed } },
    );
  }
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
