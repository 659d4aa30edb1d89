import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAlma } from './support/cli-harness.js';

const MIGRATIONS = ['20261126000000_init', '20261126000100_full_text_search'];

async function run(args: string[]): Promise<string> {
  const result = await runAlma(args, { cwd: tmpdir() });
  if (result.code !== 0)
    throw Object.assign(new Error(result.err), { exitCode: result.code, stderr: result.err });
  return result.out;
}

async function statusOf(store: string): Promise<Record<string, unknown>> {
  return JSON.parse(await run(['db', 'status', '--store', store, '--json']));
}

describe('alma db on a SQLite store', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'alma-cli-db-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reports pending migrations, applies them, then reports the schema up to date', async () => {
    const file = join(directory, 'nested', 'alma.db');
    const store = `sqlite:${file}`;
    expect(await statusOf(store)).toEqual({
      store,
      applied: [],
      pending: MIGRATIONS,
      failed: [],
      changed: [],
      unknown: [],
    });
    expect(existsSync(file)).toBe(false);
    expect(await run(['db', 'status', '--store', store])).toContain(
      `2 migrations pending: run \`alma db migrate --store ${store}\``,
    );

    const applied = await run(['db', 'migrate', '--store', store]);
    expect(applied).toBe(`${store}: applied 2 migrations\n  ${MIGRATIONS[0]}\n  ${MIGRATIONS[1]}\n`);
    expect(await run(['db', 'migrate', '--store', store])).toBe(
      `${store}: nothing to apply, the schema is up to date\n`,
    );

    expect(await statusOf(store)).toMatchObject({ applied: MIGRATIONS, pending: [] });
    const text = await run(['db', 'status', '--store', store]);
    expect(text).toContain(`  applied  ${MIGRATIONS[1]}`);
    expect(text).toContain('the schema is up to date');
  });

  it('explains that the file store has no migrations, and refuses Cosmos DB and unknown URLs', async () => {
    expect(await run(['db', 'migrate', '--store', `file:${directory}`])).toBe(
      `file:${directory}: the file store has no migrations: each log records its format version in its header\n`,
    );
    await expect(run(['db', 'status', '--store', 'cosmos://localhost:8081?db=alma'])).rejects.toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('[UNSUPPORTED]'),
    });
    await expect(run(['db', 'status', '--store', 'mysql://localhost/alma'])).rejects.toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('[VALIDATION]'),
    });
  });
});

describe('alma db on a PostgreSQL store', () => {
  const exec = promisify(execFile);
  const database = `alma_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
  const server = ['-h', '127.0.0.1', '-U', 'postgres'];
  const store = `postgres://postgres@127.0.0.1:5432/${database}`;
  beforeAll(async () => {
    await exec('createdb', [...server, database]);
  });
  afterAll(async () => {
    await exec('dropdb', [...server, '--force', '--if-exists', database]);
  });

  it('applies the migrations and reports them applied', async () => {
    expect(await statusOf(store)).toMatchObject({ applied: [], pending: MIGRATIONS });
    expect(JSON.parse(await run(['db', 'migrate', '--store', store, '--json']))).toEqual({
      store,
      applied: MIGRATIONS,
    });
    expect(await statusOf(store)).toEqual({
      store,
      applied: MIGRATIONS,
      pending: [],
      failed: [],
      changed: [],
      unknown: [],
    });
  });
});
