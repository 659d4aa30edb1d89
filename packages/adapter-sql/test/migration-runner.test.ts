import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type MigrationTarget, migrate, migrationStatus } from '@alma/adapter-sql';
import { createPostgresTestDatabase } from '@alma/adapter-sql/testing';
import { expectAlmaError } from '@alma/core/testing';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** A fresh database of one provider, with raw SQL access for the assertions. */
interface TestDatabase {
  readonly target: MigrationTarget;
  rows(sql: string, parameters?: unknown[]): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

interface Provider {
  readonly name: 'postgres' | 'sqlite';
  readonly lockName: string;
  /** The columns of `_prisma_migrations` as the schema engine creates them, in order. */
  readonly prismaColumns: readonly string[];
  create(scratch: string): Promise<TestDatabase>;
  /** Takes the lock a migrator needs, from another connection, until the returned release is called. */
  holdMigrationLock(db: TestDatabase): Promise<() => Promise<void>>;
  columnsOf(db: TestDatabase, table: string): Promise<string[]>;
  tableExists(db: TestDatabase, table: string): Promise<boolean>;
}

const postgres: Provider = {
  name: 'postgres',
  lockName: 'postgresql',
  prismaColumns: [
    'id character varying(36) not null',
    'checksum character varying(64) not null',
    'finished_at timestamp with time zone null',
    'migration_name character varying(255) not null',
    'logs text null',
    'rolled_back_at timestamp with time zone null',
    'started_at timestamp with time zone not null default now()',
    'applied_steps_count integer not null default 0',
  ],
  async create() {
    const database = await createPostgresTestDatabase('alma_migrate');
    return {
      target: { provider: 'postgres', connectionString: database.connectionString },
      async rows(sql, parameters = []) {
        const client = new pg.Client({ connectionString: database.connectionString });
        await client.connect();
        try {
          return (await client.query(sql, parameters)).rows;
        } finally {
          await client.end();
        }
      },
      dispose: () => database.drop(),
    };
  },
  async columnsOf(db, table) {
    const rows = await db.rows(
      `SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
              pg_get_expr(d.adbin, d.adrelid) AS dflt
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [table],
    );
    return rows.map(
      (r) =>
        `${r.attname} ${r.type} ${r.attnotnull ? 'not null' : 'null'}${r.dflt ? ` default ${r.dflt}` : ''}`,
    );
  },
  async tableExists(db, table) {
    const [row] = await db.rows('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
    return row?.present === true;
  },
  async holdMigrationLock(db) {
    if (db.target.provider !== 'postgres') throw new Error('not a PostgreSQL target');
    const holder = new pg.Client({ connectionString: db.target.connectionString });
    await holder.connect();
    // Prisma Migrate's advisory lock key.
    await holder.query('SELECT pg_advisory_lock(72707369)');
    return () => holder.end();
  },
};

const sqlite: Provider = {
  name: 'sqlite',
  lockName: 'sqlite',
  prismaColumns: [
    'id TEXT not null pk',
    'checksum TEXT not null',
    'finished_at DATETIME null',
    'migration_name TEXT not null',
    'logs TEXT null',
    'rolled_back_at DATETIME null',
    'started_at DATETIME not null default current_timestamp',
    'applied_steps_count INTEGER UNSIGNED not null default 0',
  ],
  async create(scratch) {
    const file = join(scratch, 'alma.db');
    return {
      target: { provider: 'sqlite', file },
      async rows(sql, parameters = []) {
        const db = new Database(file);
        try {
          const statement = db.prepare(sql);
          if (statement.reader) return statement.all(...parameters) as Record<string, unknown>[];
          statement.run(...parameters);
          return [];
        } finally {
          db.close();
        }
      },
      dispose: async () => {},
    };
  },
  async columnsOf(db, table) {
    const rows = await db.rows(`SELECT * FROM pragma_table_info(?)`, [table]);
    return rows.map(
      (r) =>
        `${r.name} ${r.type} ${r.notnull ? 'not null' : 'null'}${r.dflt_value ? ` default ${r.dflt_value}` : ''}${r.pk ? ' pk' : ''}`,
    );
  },
  async tableExists(db, table) {
    const rows = await db.rows(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`, [table]);
    return rows.length === 1;
  },
  async holdMigrationLock(db) {
    if (db.target.provider !== 'sqlite') throw new Error('not a SQLite target');
    const holder = new Database(db.target.file);
    holder.exec('BEGIN IMMEDIATE');
    return async () => {
      holder.exec('ROLLBACK');
      holder.close();
    };
  },
};

const CREATE = '20200101000000_create_items';
const ADD_NOTE = '20200102000000_add_note';
const BROKEN = '20200103000000_broken';
const SCRIPTS: Record<string, string> = {
  [CREATE]: 'CREATE TABLE t_items (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL);\n',
  // Runs only after CREATE: applying out of order would fail.
  [ADD_NOTE]:
    "ALTER TABLE t_items ADD COLUMN note TEXT;\nINSERT INTO t_items (id, name, note) VALUES (1, 'one', 'first');\n",
  // Its first statement succeeds, its second fails: the first must not survive.
  [BROKEN]: 'CREATE TABLE t_partial (id INTEGER);\nINSERT INTO t_missing VALUES (1);\n',
};
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function writeMigrations(
  directory: string,
  lockName: string,
  names: readonly string[],
): Promise<string> {
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, 'migration_lock.toml'), `provider = "${lockName}"\n`);
  // Written newest first, so only sorting by name puts them in order.
  for (const name of [...names].reverse()) {
    await mkdir(join(directory, name), { recursive: true });
    await writeFile(join(directory, name, 'migration.sql'), SCRIPTS[name]!);
  }
  return directory;
}

function sha256OfFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function timeOf(value: unknown): number {
  return value instanceof Date ? value.getTime() : Number(value);
}

describe.each([postgres, sqlite])('migration runner on $name', (provider) => {
  let scratch: string;
  let db: TestDatabase;
  let migrations: string;

  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'alma-migrate-'));
    db = await provider.create(scratch);
    migrations = join(scratch, 'migrations');
  });
  afterEach(async () => {
    await db.dispose();
    await rm(scratch, { recursive: true, force: true });
  });

  it('applies pending migrations in order and records each one as Prisma does', async () => {
    await writeMigrations(migrations, provider.lockName, [CREATE, ADD_NOTE]);
    const before = Date.now();
    const result = await migrate(db.target, { migrationsDirectory: migrations });
    const after = Date.now();

    expect(result.applied).toEqual([CREATE, ADD_NOTE]);
    expect(await db.rows('SELECT id, name, note FROM t_items')).toEqual([
      { id: 1, name: 'one', note: 'first' },
    ]);
    expect(await provider.columnsOf(db, '_prisma_migrations')).toEqual(provider.prismaColumns);
    const records = await db.rows('SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name');
    expect(records.map((r) => r.migration_name)).toEqual([CREATE, ADD_NOTE]);
    for (const record of records) {
      const name = String(record.migration_name);
      expect(record.id).toMatch(UUID_V4);
      expect(record.checksum).toBe(sha256OfFile(join(migrations, name, 'migration.sql')));
      expect(record.logs).toBeNull();
      expect(record.rolled_back_at).toBeNull();
      expect(Number(record.applied_steps_count)).toBe(1);
      // Prisma's SQLite connector writes DateTime as integer milliseconds; PostgreSQL has timestamptz.
      if (provider.name === 'sqlite') expect(typeof record.started_at).toBe('number');
      expect(timeOf(record.started_at)).toBeGreaterThanOrEqual(before);
      expect(timeOf(record.finished_at)).toBeGreaterThanOrEqual(timeOf(record.started_at));
      expect(timeOf(record.finished_at)).toBeLessThanOrEqual(after);
    }
    const [first, second] = records;
    expect(timeOf(second?.started_at)).toBeGreaterThanOrEqual(timeOf(first?.finished_at));
  });

  it('applies nothing twice, and only what is new on a later run', async () => {
    await writeMigrations(migrations, provider.lockName, [CREATE]);
    expect((await migrate(db.target, { migrationsDirectory: migrations })).applied).toEqual([CREATE]);
    expect((await migrate(db.target, { migrationsDirectory: migrations })).applied).toEqual([]);

    await writeMigrations(migrations, provider.lockName, [CREATE, ADD_NOTE]);
    expect(await migrationStatus(db.target, { migrationsDirectory: migrations })).toEqual({
      applied: [CREATE],
      pending: [ADD_NOTE],
      failed: [],
      changed: [],
      unknown: [],
    });
    expect((await migrate(db.target, { migrationsDirectory: migrations })).applied).toEqual([ADD_NOTE]);
    expect((await migrate(db.target, { migrationsDirectory: migrations })).applied).toEqual([]);
    expect(await db.rows('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name')).toEqual([
      { migration_name: CREATE },
      { migration_name: ADD_NOTE },
    ]);
  });

  it('refuses to continue when an applied migration file has changed, but not for line endings', async () => {
    await writeMigrations(migrations, provider.lockName, [CREATE]);
    await migrate(db.target, { migrationsDirectory: migrations });
    const file = join(migrations, CREATE, 'migration.sql');

    await writeFile(file, SCRIPTS[CREATE]!.replaceAll('\n', '\r\n'));
    await writeMigrations(migrations, provider.lockName, [ADD_NOTE]);
    expect((await migrate(db.target, { migrationsDirectory: migrations })).applied).toEqual([ADD_NOTE]);

    await writeFile(file, `${SCRIPTS[CREATE]}CREATE INDEX t_items_name ON t_items (name);\n`);
    const error = await expectAlmaError(
      migrate(db.target, { migrationsDirectory: migrations }),
      'MIGRATION_STATE',
    );
    expect(error.message).toContain(CREATE);
    expect(error.details).toEqual({ changed: [CREATE] });
    expect((await migrationStatus(db.target, { migrationsDirectory: migrations })).changed).toEqual([CREATE]);
  });

  it('records a failed migration as Prisma does, undoes it, and blocks later runs until it is resolved', async () => {
    await writeMigrations(migrations, provider.lockName, [CREATE, ADD_NOTE, BROKEN]);

    const error = await expectAlmaError(migrate(db.target, { migrationsDirectory: migrations }), 'STORAGE');
    expect(error.message).toContain(BROKEN);
    expect(error.details).toMatchObject({ migration: BROKEN, applied: [CREATE, ADD_NOTE] });
    expect(error.cause).toBeInstanceOf(Error);
    expect(String((error.cause as Error).message)).toMatch(/t_missing/);
    expect(await provider.tableExists(db, 't_partial')).toBe(false);
    expect(await provider.tableExists(db, 't_items')).toBe(true);

    const [failed] = await db.rows(`SELECT * FROM _prisma_migrations WHERE migration_name = '${BROKEN}'`);
    expect(failed?.finished_at).toBeNull();
    expect(failed?.rolled_back_at).toBeNull();
    expect(Number(failed?.applied_steps_count)).toBe(0);
    expect(failed?.logs).toContain(`Migration name: ${BROKEN}`);
    expect(failed?.logs).toContain('t_missing');
    expect(await migrationStatus(db.target, { migrationsDirectory: migrations })).toMatchObject({
      applied: [CREATE, ADD_NOTE],
      pending: [],
      failed: [BROKEN],
    });

    // Fixing the file is not enough: the failed attempt must be resolved first, as with Prisma.
    await writeFile(join(migrations, BROKEN, 'migration.sql'), 'CREATE TABLE t_partial (id INTEGER);\n');
    const blocked = await expectAlmaError(
      migrate(db.target, { migrationsDirectory: migrations }),
      'MIGRATION_STATE',
    );
    expect(blocked.message).toContain(BROKEN);
    expect(blocked.details).toEqual({ failed: [BROKEN] });
    expect(await provider.tableExists(db, 't_partial')).toBe(false);

    // What `prisma migrate resolve --rolled-back` does.
    await db.rows(
      `UPDATE _prisma_migrations SET rolled_back_at = ${provider.name === 'sqlite' ? Date.now() : 'now()'}
       WHERE migration_name = '${BROKEN}' AND finished_at IS NULL`,
    );
    expect((await migrationStatus(db.target, { migrationsDirectory: migrations })).pending).toEqual([BROKEN]);
    expect((await migrate(db.target, { migrationsDirectory: migrations })).applied).toEqual([BROKEN]);
    expect(await provider.tableExists(db, 't_partial')).toBe(true);
  });

  it('refuses migrations written for another provider', async () => {
    await writeMigrations(migrations, provider.name === 'sqlite' ? 'postgresql' : 'sqlite', [CREATE]);
    await expectAlmaError(migrate(db.target, { migrationsDirectory: migrations }), 'VALIDATION');
  });

  it('waits for another migrator only as long as it is told to, then fails with STORE_LOCKED', async () => {
    await writeMigrations(migrations, provider.lockName, [CREATE]);
    const release = await provider.holdMigrationLock(db);
    try {
      await expectAlmaError(
        migrate(db.target, { migrationsDirectory: migrations, lockTimeoutMs: 100 }),
        'STORE_LOCKED',
      );
    } finally {
      await release();
    }
    expect(
      (await migrate(db.target, { migrationsDirectory: migrations, lockTimeoutMs: 100 })).applied,
    ).toEqual([CREATE]);
  });

  it('applies each migration exactly once when two migrators race', async () => {
    const results = await Promise.all([migrate(db.target), migrate(db.target)]);
    const all = (await migrationStatus(db.target)).applied;
    expect(all.length).toBeGreaterThan(1);
    expect([...results[0]!.applied, ...results[1]!.applied].sort()).toEqual(all);
    const rows = await db.rows('SELECT migration_name FROM _prisma_migrations');
    expect(rows.map((r) => r.migration_name).sort()).toEqual(all);
  });
});

describe('migration runner across processes on sqlite', () => {
  let scratch: string;
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'alma-migrate-race-'));
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('applies each migration exactly once when two processes migrate one file at once', async () => {
    const file = join(scratch, 'alma.db');
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    const script = join(scratch, 'migrate-once.mts');
    await writeFile(
      script,
      `import { migrate } from ${JSON.stringify(entry)};\n` +
        // Both children start migrating at the same agreed moment, after their slow start-up.
        'await new Promise((go) => setTimeout(go, Number(process.argv[3]) - Date.now()));\n' +
        `const result = await migrate({ provider: 'sqlite', file: process.argv[2] });\n` +
        'process.stdout.write(JSON.stringify(result.applied));\n',
    );
    const run = promisify(execFile);
    const packageRoot = fileURLToPath(new URL('..', import.meta.url));
    const startAt = String(Date.now() + 2_000);
    const child = () =>
      run(process.execPath, ['--import', 'tsx', '--conditions=@alma/source', script, file, startAt], {
        cwd: packageRoot,
      });
    const outputs = await Promise.all([child(), child()]);
    const applied = outputs.flatMap((output) => JSON.parse(output.stdout) as string[]);
    const shipped = (
      await readdir(join(packageRoot, '../../prisma/sqlite/migrations'), { withFileTypes: true })
    )
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(applied.sort()).toEqual(shipped);

    const db = new Database(file, { readonly: true });
    const names = db.prepare('SELECT migration_name FROM _prisma_migrations').pluck().all() as string[];
    db.close();
    expect(names.sort()).toEqual(shipped);
  });
});
