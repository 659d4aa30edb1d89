import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresTestDatabase } from '@alma/adapter-sql/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

// `alma db` as a deploy script runs it: the built binary, its exit status and its --json output.

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function alma(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

/** `alma db status --json`: the exit code and the parsed document. */
async function status(
  store: string,
): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  const run = await alma(['db', 'status', '--store', store, '--json']);
  return { code: run.code, json: JSON.parse(run.stdout), stderr: run.stderr };
}

async function migrated(store: string): Promise<void> {
  const run = await alma(['db', 'migrate', '--store', store]);
  expect(run.code, run.stderr).toBe(0);
}

/** The migrations the repository ships for a provider, in the order they apply. */
async function shippedMigrations(provider: 'postgres' | 'sqlite'): Promise<string[]> {
  const entries = await readdir(join(REPOSITORY, 'prisma', provider, 'migrations'), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

// The CLI has no SQL driver of its own: the tests borrow @alma/adapter-sql's to put a database in
// each state `alma db status` must report, rather than add drivers to the CLI's dependencies.
const borrow = createRequire(createRequire(import.meta.url).resolve('@alma/adapter-sql'));
const Sqlite = borrow('better-sqlite3') as new (file: string) => { exec(sql: string): void; close(): void };
const pg = borrow('pg') as {
  Client: new (options: {
    connectionString: string;
  }) => {
    connect(): Promise<void>;
    query(sql: string): Promise<unknown>;
    end(): Promise<void>;
  };
};

/** One database of a provider, empty, for one test. */
interface Database {
  readonly store: string;
  execute(sql: string): Promise<void>;
  drop(): Promise<void>;
}

const PROVIDERS = [
  {
    name: 'SQLite',
    provider: 'sqlite',
    // Prisma writes SQLite timestamps as integer milliseconds.
    now: `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`,
    async create(): Promise<Database> {
      const directory = await mkdtemp(join(tmpdir(), 'alma-cli-db-'));
      const file = join(directory, 'nested', 'alma.db');
      return {
        store: `sqlite:${file}`,
        execute: async (sql) => {
          const db = new Sqlite(file);
          try {
            db.exec(sql);
          } finally {
            db.close();
          }
        },
        drop: () => rm(directory, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    provider: 'postgres',
    now: 'now()',
    async create(): Promise<Database> {
      const database = await createPostgresTestDatabase('alma_cli_db');
      return {
        store: database.connectionString,
        execute: async (sql) => {
          const client = new pg.Client({ connectionString: database.connectionString });
          await client.connect();
          try {
            await client.query(sql);
          } finally {
            await client.end();
          }
        },
        drop: () => database.drop(),
      };
    },
  },
] as const;

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: build it first (pnpm exec turbo run build --filter=@alma/cli...)`);
});

describe.each(PROVIDERS)('alma db status on $name', ({ provider, now, create }) => {
  let db: Database;
  let migrations: string[];
  beforeAll(async () => {
    migrations = await shippedMigrations(provider);
  });
  afterEach(async () => {
    await db?.drop();
  });

  it('exits 3 while migrations are pending, as prisma migrate status exits non-zero', async () => {
    db = await create();
    const pending = await status(db.store);
    expect(pending).toMatchObject({
      code: 3,
      json: {
        store: db.store,
        status: 'pending',
        applied: [],
        pending: migrations,
        failed: [],
        changed: [],
        unknown: [],
      },
    });
    expect(JSON.parse(pending.stderr)).toMatchObject({ error: { code: 'CHECK_FAILED' } });
    const text = await alma(['db', 'status', '--store', db.store]);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain(`  pending  ${migrations[0]}\n`);
    expect(text.stdout).toContain(
      `${migrations.length} migrations pending: run \`alma db migrate --store ${db.store}\``,
    );
    expect(text.stderr).toBe('alma: the schema is not up to date (pending): see the status above\n');
  });

  it('exits 0 once the migrations are applied', async () => {
    db = await create();
    const applied = await alma(['db', 'migrate', '--store', db.store, '--json']);
    expect(JSON.parse(applied.stdout)).toEqual({ store: db.store, applied: migrations });
    expect(await status(db.store)).toEqual({
      code: 0,
      stderr: '',
      json: {
        store: db.store,
        status: 'up-to-date',
        applied: migrations,
        pending: [],
        failed: [],
        changed: [],
        unknown: [],
      },
    });
    const text = await alma(['db', 'status', '--store', db.store]);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toContain(`  applied  ${migrations.at(-1)}\n`);
    expect(text.stdout).toContain('the schema is up to date\n');
  });

  it('exits 3 when a migration failed, and names it', async () => {
    db = await create();
    await migrated(db.store);
    const last = migrations.at(-1);
    // What a failed attempt leaves (decision 050): finished_at NULL, the error in logs.
    await db.execute(
      `UPDATE _prisma_migrations SET finished_at = NULL, applied_steps_count = 0, logs = 'it broke'
       WHERE migration_name = '${last}'`,
    );
    const { code, json } = await status(db.store);
    expect(code).toBe(3);
    expect(json).toMatchObject({
      status: 'failed',
      failed: [last],
      pending: [],
      applied: migrations.slice(0, -1),
    });
    const text = await alma(['db', 'status', '--store', db.store]);
    expect(text.stdout).toContain(`  FAILED   ${last}\n`);
    expect(text.stdout).toContain('1 migration failed: resolve before migrating again');
  });

  it('exits 3 when an applied migration was edited since it ran', async () => {
    db = await create();
    await migrated(db.store);
    const [first] = migrations;
    // The recorded checksum no longer matches the file: the same as editing the file after it ran.
    await db.execute(
      `UPDATE _prisma_migrations SET checksum = '${'0'.repeat(64)}' WHERE migration_name = '${first}'`,
    );
    const { code, json } = await status(db.store);
    expect(code).toBe(3);
    expect(json).toMatchObject({ status: 'changed', changed: [first], applied: migrations, pending: [] });
    const text = await alma(['db', 'status', '--store', db.store]);
    expect(text.stdout).toContain(`  applied  ${first}  (file changed since)\n`);
    expect(text.stdout).toContain('applied migrations were changed after they ran');
  });

  it('exits 0 when a newer ALMA applied migrations this version does not have, as Prisma does', async () => {
    db = await create();
    await migrated(db.store);
    const newer = '29991231000000_from_a_newer_alma';
    await db.execute(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ('00000000-0000-4000-8000-000000000000', '${'1'.repeat(64)}', '${newer}', ${now}, ${now}, 1)`,
    );
    expect(await status(db.store)).toMatchObject({
      code: 0,
      json: { status: 'up-to-date', unknown: [newer] },
    });
  });
});

describe('alma db on other stores', () => {
  it('explains that the file store has no migrations, and refuses Cosmos DB and unknown URLs', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'alma-cli-db-'));
    try {
      expect(await alma(['db', 'migrate', '--store', `file:${directory}`])).toEqual({
        code: 0,
        stdout: `file:${directory}: the file store has no migrations: each log records its format version in its header\n`,
        stderr: '',
      });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    const cosmos = await alma(['db', 'status', '--store', 'cosmos://localhost:8081?db=alma']);
    expect(cosmos.code).toBe(1);
    expect(cosmos.stderr).toContain('[UNSUPPORTED]');
    const unknown = await alma(['db', 'status', '--store', 'mysql://localhost/alma']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('[VALIDATION]');
  });
});
