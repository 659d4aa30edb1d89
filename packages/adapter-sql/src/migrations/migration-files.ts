import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CorruptDataError } from '@alma/core';
import { migrationChecksum } from './migration-checksum.js';

/** One `<timestamp>_<name>/migration.sql` folder. */
export interface MigrationFile {
  /** The folder name, which is also the `migration_name` Prisma records. */
  readonly name: string;
  readonly script: string;
  readonly checksum: string;
}

/** A provider's migrations folder, read the way `prisma migrate` reads it. */
export interface MigrationFolder {
  readonly directory: string;
  /** The provider named in `migration_lock.toml`, or null when the folder has none. */
  readonly lockedProvider: string | null;
  /** Sorted by folder name, which starts with a timestamp: the order they must be applied in. */
  readonly migrations: readonly MigrationFile[];
}

/** Reads every migration in `directory`; a folder without a readable `migration.sql` is corrupt. */
export async function readMigrationFolder(directory: string): Promise<MigrationFolder> {
  let entries: Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    throw new CorruptDataError(`cannot read the migrations folder ${directory}`, { cause: error });
  }
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    // Prisma sorts with localeCompare; the timestamp prefix makes that the chronological order.
    .sort((a, b) => a.localeCompare(b));
  const migrations = await Promise.all(
    names.map(async (name) => {
      const file = join(directory, name, 'migration.sql');
      const script = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new CorruptDataError(`migration ${name} has no readable migration.sql`, {
          cause: error,
          details: { migration: name, file },
        });
      });
      return Object.freeze({ name, script, checksum: migrationChecksum(script) });
    }),
  );
  const lockFile = await readFile(join(directory, 'migration_lock.toml'), 'utf8').catch(() => null);
  return Object.freeze({
    directory,
    lockedProvider: lockFile === null ? null : providerInLockFile(lockFile),
    migrations: Object.freeze(migrations),
  });
}

function providerInLockFile(content: string): string {
  const line = content.split(/\r?\n/).find((candidate) => candidate.startsWith('provider'));
  return (
    line
      ?.replace(/^provider\s*=\s*/, '')
      .replace(/^"|"$/g, '')
      .trim() ?? '<provider not found>'
  );
}
