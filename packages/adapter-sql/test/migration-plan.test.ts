import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAlmaError } from '@alma/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checksumMatches, migrationChecksum } from '../src/migrations/migration-checksum.js';
import { readMigrationFolder } from '../src/migrations/migration-files.js';
import { assertMigratable, planMigrations } from '../src/migrations/migration-plan.js';
import type { MigrationRecord } from '../src/migrations/prisma-migrations-table.js';

const file = (name: string, script = `-- ${name}\n`) => ({
  name,
  script,
  checksum: migrationChecksum(script),
});

function record(name: string, overrides: Partial<MigrationRecord> = {}): MigrationRecord {
  return {
    id: `id-${name}`,
    checksum: migrationChecksum(`-- ${name}\n`),
    migrationName: name,
    startedAt: new Date(0),
    finishedAt: new Date(1),
    rolledBackAt: null,
    logs: null,
    appliedStepsCount: 1,
    ...overrides,
  };
}

describe('migration checksums', () => {
  it('are the SHA-256 of the script, zero-padded lowercase hex, as Prisma writes them', () => {
    // The value the schema engine's own test expects (schema-connector/src/checksum.rs).
    expect(migrationChecksum('hello')).toBe(
      '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    );
  });

  it('match across line endings and the unpadded checksums of old Prisma versions, and nothing else', () => {
    expect(checksumMatches('ab\r\ncd\r\n', migrationChecksum('ab\ncd\n'))).toBe(true);
    expect(checksumMatches('ab\ncd\n', migrationChecksum('ab\r\ncd\r\n'))).toBe(true);
    const digest = Buffer.from(migrationChecksum('abc'), 'hex');
    const unpadded = Array.from(digest, (byte) => byte.toString(16)).join('');
    expect(unpadded.length).toBeLessThan(64);
    expect(checksumMatches('abc', unpadded)).toBe(true);
    expect(checksumMatches('abc\n', migrationChecksum('abc'))).toBe(false);
    expect(checksumMatches('abc', '')).toBe(false);
  });
});

describe('planning migrations', () => {
  const files = [file('1_a'), file('2_b'), file('3_c')];

  it('sorts the folder into applied, pending, failed, changed and unknown', () => {
    const status = planMigrations(
      [file('1_a', '-- edited\n'), files[1]!, files[2]!],
      [
        record('1_a'),
        record('2_b', { finishedAt: null, logs: 'boom' }),
        record('0_gone'),
        record('3_c', { finishedAt: null, rolledBackAt: new Date(2) }),
      ],
    );
    expect(status).toEqual({
      applied: ['1_a'],
      pending: ['3_c'],
      failed: ['2_b'],
      changed: ['1_a'],
      unknown: ['0_gone'],
    });
  });

  it('lets a database with a clean history migrate, and refuses one with a failed or changed migration', () => {
    const clean = [record('1_a')];
    expect(() => assertMigratable(planMigrations(files, clean), clean)).not.toThrow();
    const failed = [record('1_a'), record('2_b', { finishedAt: null, logs: 'syntax error' })];
    expect(() => assertMigratable(planMigrations(files, failed), failed)).toThrow(/2_b[\s\S]*syntax error/);
    const changed = [record('1_a', { checksum: migrationChecksum('-- the old text\n') })];
    expect(() => assertMigratable(planMigrations(files, changed), changed)).toThrow(/changed.*1_a/);
  });
});

describe('reading a migrations folder', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'alma-migration-folder-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reads the provider, and every migration in name order with its checksum, as Prisma does', async () => {
    await writeFile(join(directory, 'migration_lock.toml'), '# comment\nprovider = "sqlite"\n');
    await writeFile(join(directory, 'README.md'), 'not a migration');
    for (const name of ['20200102000000_second', '20200101000000_first']) {
      await mkdir(join(directory, name));
      await writeFile(join(directory, name, 'migration.sql'), `-- ${name}\n`);
    }
    const folder = await readMigrationFolder(directory);
    expect(folder.lockedProvider).toBe('sqlite');
    expect(folder.migrations).toEqual([
      file('20200101000000_first', '-- 20200101000000_first\n'),
      file('20200102000000_second', '-- 20200102000000_second\n'),
    ]);
  });

  it('calls a migration folder without migration.sql corrupt', async () => {
    await mkdir(join(directory, '20200101000000_empty'));
    await expectAlmaError(readMigrationFolder(directory), 'CORRUPT_DATA');
    await expectAlmaError(readMigrationFolder(join(directory, 'missing')), 'CORRUPT_DATA');
  });
});
