import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MigrationTarget, migrate, migrationStatus } from '@alma/adapter-sql';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@alma/adapter-sql/testing';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The full-text migration evolves a schema that already holds data: it adds search_text to every
// kind, backfills it from the text fields, and indexes it for full-text search. These tests bring a
// database to the migrations before it, fill it with raw SQL as that schema stood, apply it alone,
// and check the old rows. Migrations are picked by name, so later ones never change what is tested.

const FULL_TEXT = '20261126000100_full_text_search';
const repository = fileURLToPath(new URL('../../../', import.meta.url));
const PROJECT = 'evolution';
const NOW = '2026-01-02T03:04:05.678Z';
const ID = {
  heuristic: '01900000-0000-7000-8000-000000000001',
  outcome: '01900000-0000-7000-8000-000000000002',
  preference: '01900000-0000-7000-8000-000000000003',
  knowledge: '01900000-0000-7000-8000-000000000004',
  antiPattern: '01900000-0000-7000-8000-000000000005',
  later: '01900000-0000-7000-8000-000000000006',
};

/** Rows written as the schema stood before the full-text migration: without search_text. */
const OLD_ROWS = `
  INSERT INTO alma_heuristics (project_id, id, created_at, updated_at, agent, condition, strategy, confidence,
    occurrence_count, success_count, last_validated)
  VALUES ('${PROJECT}', '${ID.heuristic}', '${NOW}', '${NOW}', 'coder', 'Flaky network calls',
    'Retry with exponential BACKOFF', 0.9, 3, 2, '${NOW}');
  INSERT INTO alma_outcomes (project_id, id, created_at, updated_at, agent, task_type, task_description, success,
    strategy_used, duration_ms, error_message, user_feedback, timestamp)
  VALUES ('${PROJECT}', '${ID.outcome}', '${NOW}', '${NOW}', 'deployer', 'deploy', 'Deploy the billing API',
    false, 'blue-green switch', 1200, 'health check timed out', NULL, '${NOW}');
  INSERT INTO alma_preferences (project_id, id, created_at, updated_at, user_id, category, preference, source,
    confidence)
  VALUES ('${PROJECT}', '${ID.preference}', '${NOW}', '${NOW}', 'ana', 'style', 'Prefers tabs over spaces',
    'explicit', 1);
  INSERT INTO alma_domain_knowledge (project_id, id, created_at, updated_at, agent, domain, fact, source,
    confidence, last_verified)
  VALUES ('${PROJECT}', '${ID.knowledge}', '${NOW}', '${NOW}', 'coder', 'payments',
    'Stripe webhooks retry for three days', 'docs', 0.8, '${NOW}');
  INSERT INTO alma_anti_patterns (project_id, id, created_at, updated_at, agent, pattern, why_bad,
    better_alternative, occurrence_count, last_seen)
  VALUES ('${PROJECT}', '${ID.antiPattern}', '${NOW}', '${NOW}', 'coder', 'Sleeping in tests',
    'slow and flaky', 'await the event', 4, '${NOW}');
`;

/**
 * A copy of the repository's migrations folder for `provider` holding the migrations that sort
 * before `name`, or those up to and including it: a database migrated with it stands exactly before
 * or after that migration, however many come later.
 */
async function migrationsUpTo(
  provider: 'postgres' | 'sqlite',
  name: string,
  upTo: 'before' | 'including',
  scratch: string,
): Promise<{ readonly directory: string; readonly names: readonly string[] }> {
  const shipped = join(repository, 'prisma', provider, 'migrations');
  const all = (await readdir(shipped, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    // The order the runner applies them in.
    .sort((a, b) => a.localeCompare(b));
  const index = all.indexOf(name);
  if (index < 0) throw new Error(`no migration ${name} in ${shipped}`);
  const names = all.slice(0, upTo === 'before' ? index : index + 1);
  const directory = join(scratch, `migrations-${upTo}-${name}`);
  await cp(join(shipped, 'migration_lock.toml'), join(directory, 'migration_lock.toml'));
  for (const migration of names) {
    await cp(join(shipped, migration), join(directory, migration), { recursive: true });
  }
  return { directory, names };
}

/**
 * Migrates `target` to just before the full-text migration, lets `fill` write rows as that schema
 * stood, then applies the full-text migration and nothing else.
 */
async function migrateAcrossFullText(
  target: MigrationTarget,
  scratch: string,
  fill: () => Promise<void>,
): Promise<void> {
  const before = await migrationsUpTo(target.provider, FULL_TEXT, 'before', scratch);
  const including = await migrationsUpTo(target.provider, FULL_TEXT, 'including', scratch);
  expect(before.names.length).toBeGreaterThan(0);
  expect((await migrate(target, { migrationsDirectory: before.directory })).applied).toEqual(before.names);
  await fill();
  const status = await migrationStatus(target, { migrationsDirectory: including.directory });
  expect(status).toMatchObject({ applied: before.names, pending: [FULL_TEXT] });
  expect((await migrate(target, { migrationsDirectory: including.directory })).applied).toEqual([FULL_TEXT]);
}

describe('the full-text migration on a SQLite database that already holds data', () => {
  let scratch: string;
  let db: Database.Database;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'alma-evolution-'));
    const file = join(scratch, 'alma.db');
    await migrateAcrossFullText({ provider: 'sqlite', file }, scratch, async () => {
      const writer = new Database(file);
      writer.exec(OLD_ROWS);
      writer.close();
    });
    db = new Database(file);
  });
  afterAll(async () => {
    db?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('backfills search_text from each kind’s text fields', () => {
    const searchText = (table: string) => db.prepare(`SELECT search_text FROM ${table}`).pluck().get();
    expect(searchText('alma_heuristics')).toBe('flaky network calls retry with exponential backoff');
    expect(searchText('alma_outcomes')).toBe(
      'deploy the billing api blue-green switch health check timed out ',
    );
    expect(searchText('alma_preferences')).toBe('prefers tabs over spaces');
    expect(searchText('alma_domain_knowledge')).toBe('stripe webhooks retry for three days');
    expect(searchText('alma_anti_patterns')).toBe('sleeping in tests slow and flaky await the event');
  });

  it('finds the old rows through the full-text index, and keeps new rows in it', () => {
    const match = (table: string, query: string) =>
      db
        .prepare(
          `SELECT t.id FROM ${table}_fts f JOIN ${table} t ON t.rowid = f.rowid WHERE ${table}_fts MATCH ?`,
        )
        .pluck()
        .all(query);
    expect(match('alma_heuristics', 'backoff AND flaky')).toEqual([ID.heuristic]);
    expect(match('alma_outcomes', 'health timed')).toEqual([ID.outcome]);
    expect(match('alma_preferences', 'tabs')).toEqual([ID.preference]);
    expect(match('alma_domain_knowledge', 'webhooks')).toEqual([ID.knowledge]);
    expect(match('alma_anti_patterns', 'sleeping')).toEqual([ID.antiPattern]);
    expect(match('alma_heuristics', 'missing')).toEqual([]);

    db.prepare(
      `INSERT INTO alma_heuristics (project_id, id, created_at, updated_at, agent, condition, strategy, confidence,
         occurrence_count, success_count, last_validated, search_text)
       VALUES (?, ?, 0, 0, 'coder', 'cold cache', 'warm it first', 0.5, 1, 1, 0, 'cold cache warm it first')`,
    ).run(PROJECT, ID.later);
    expect(match('alma_heuristics', 'warm')).toEqual([ID.later]);
    db.prepare(`UPDATE alma_heuristics SET search_text = 'flaky network calls' WHERE id = ?`).run(
      ID.heuristic,
    );
    expect(match('alma_heuristics', 'backoff')).toEqual([]);
  });
});

describe('the full-text migration on a PostgreSQL database that already holds data', () => {
  let scratch: string;
  let database: PostgresTestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'alma-evolution-'));
    database = await createPostgresTestDatabase('alma_evolution');
    client = new pg.Client({ connectionString: database.connectionString });
    await client.connect();
    const target = { provider: 'postgres', connectionString: database.connectionString } as const;
    await migrateAcrossFullText(target, scratch, async () => {
      await client.query(OLD_ROWS);
      await client.query(`UPDATE alma_heuristics SET embedding = '[0.5, 0.25, 1]'`);
    });
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('backfills search_text from each kind’s text fields, as lowercase words', async () => {
    const searchText = async (table: string) =>
      (await client.query(`SELECT search_text FROM ${table}`)).rows[0];
    expect(await searchText('alma_heuristics')).toEqual({
      search_text: 'flaky network calls retry with exponential backoff',
    });
    expect(await searchText('alma_outcomes')).toEqual({
      search_text: 'deploy the billing api blue green switch health check timed out',
    });
    expect(await searchText('alma_preferences')).toEqual({ search_text: 'prefers tabs over spaces' });
    expect(await searchText('alma_domain_knowledge')).toEqual({
      search_text: 'stripe webhooks retry for three days',
    });
    expect(await searchText('alma_anti_patterns')).toEqual({
      search_text: 'sleeping in tests slow and flaky await the event',
    });
    const kept = await client.query('SELECT embedding::text, confidence FROM alma_heuristics');
    expect(kept.rows).toEqual([{ embedding: '[0.5,0.25,1]', confidence: 0.9 }]);
  });

  it('finds the old rows through the full-text index, and keeps new rows in it', async () => {
    const match = async (table: string, query: string) =>
      (
        await client.query(`SELECT id FROM ${table} WHERE search_vector @@ to_tsquery('simple', $1)`, [query])
      ).rows.map((row) => row.id);
    expect(await match('alma_heuristics', 'backoff & flaky')).toEqual([ID.heuristic]);
    expect(await match('alma_outcomes', 'health & timed')).toEqual([ID.outcome]);
    expect(await match('alma_preferences', 'tabs')).toEqual([ID.preference]);
    expect(await match('alma_domain_knowledge', 'webhooks')).toEqual([ID.knowledge]);
    expect(await match('alma_anti_patterns', 'sleeping')).toEqual([ID.antiPattern]);
    expect(await match('alma_heuristics', 'missing')).toEqual([]);

    await client.query(
      `INSERT INTO alma_heuristics (project_id, id, created_at, updated_at, agent, condition, strategy, confidence,
         occurrence_count, success_count, last_validated, search_text)
       VALUES ($1, $2, now(), now(), 'coder', 'cold cache', 'warm it first', 0.5, 1, 1, now(), 'cold cache warm it first')`,
      [PROJECT, ID.later],
    );
    expect(await match('alma_heuristics', 'warm')).toEqual([ID.later]);
    await client.query(`UPDATE alma_heuristics SET search_text = 'flaky network calls' WHERE id = $1`, [
      ID.heuristic,
    ]);
    expect(await match('alma_heuristics', 'backoff')).toEqual([]);
  });
});
