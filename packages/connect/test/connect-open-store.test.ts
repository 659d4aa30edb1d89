import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosmosClientFor, startCosmosStandIn } from '@alma/adapter-cosmos/testing';
import { migrationStatus } from '@alma/adapter-sql';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@alma/adapter-sql/testing';
import { openStore, parseStoreUrl, type StoreLocation } from '@alma/connect';
import { expectAlmaError, sampleInput } from '@alma/core/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const settings = { dimension: 4, embedder: 'test:4' };

/** Creates a store, writes one record, reopens it as an existing store and reads the record back. */
async function roundTrip(where: string | StoreLocation, options = {}) {
  const created = await openStore(where, { ...settings, ...options });
  const written = await created.store.heuristics.put(sampleInput('heuristic', { embedding: [1, 0, 0, 0] }));
  await created.close();
  const reopened = await openStore(where, { ...options, mustExist: true });
  try {
    expect(reopened.store.manifest).toMatchObject({ dimension: 4, embedder: 'test:4' });
    expect(await reopened.store.heuristics.get(written)).toEqual(written);
    return reopened;
  } finally {
    await reopened.close();
  }
}

describe('openStore on local backends', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'alma-connect-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('opens file and SQLite stores from their URLs, and reports index health where there is a derived index', async () => {
    const file = await roundTrip(`file:${join(directory, 'files')}`);
    expect(file.vectorHealth).toBeNull();
    const sqlite = await roundTrip(`sqlite:${join(directory, 'alma.db')}`);
    expect(sqlite.description).toBe(`sqlite:${join(directory, 'alma.db')}`);
    const reopened = await openStore(sqlite.location, { mustExist: true });
    try {
      const health = await reopened.vectorHealth!();
      expect(health.find((entry) => entry.kind === 'heuristic')).toMatchObject({
        rowsWithEmbedding: 1,
        indexedRows: 1,
        outboxBacklog: 0,
      });
    } finally {
      await reopened.close();
    }
  });

  it('opens the embedded default, SQLite in ./.alma/, when no URL is given', () => {
    expect(parseStoreUrl(undefined, directory)).toMatchObject({
      kind: 'sqlite',
      file: join(directory, '.alma', 'alma.db'),
    });
  });

  it('creates nothing for a store that must exist, and needs a dimension for a new store', async () => {
    const file = join(directory, 'absent.db');
    await expectAlmaError(openStore(`sqlite:${file}`, { mustExist: true }), 'NOT_FOUND');
    await expectAlmaError(openStore(`file:${join(directory, 'absent')}`, { mustExist: true }), 'NOT_FOUND');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(directory, 'absent'))).toBe(false);
    await expectAlmaError(openStore(`sqlite:${file}`), 'VALIDATION');
    // The SQLite file was created and migrated, but holds no store: it still must not pass as one.
    await expectAlmaError(openStore(`sqlite:${file}`, { mustExist: true }), 'NOT_FOUND');
  });

  it('refuses a store of another embedder or dimension', async () => {
    const url = `sqlite:${join(directory, 'alma.db')}`;
    await (await openStore(url, settings)).close();
    await expectAlmaError(openStore(url, { dimension: 8 }), 'DIMENSION_MISMATCH');
    await expectAlmaError(openStore(url, { embedder: 'other:4' }), 'CONFLICT');
  });
});

describe('openStore on PostgreSQL', () => {
  let database: PostgresTestDatabase;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('alma_connect');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('finds no store in a database without ALMA’s schema, and migrates nothing into it', async () => {
    const empty = await createPostgresTestDatabase('alma_connect_empty');
    try {
      await expectAlmaError(openStore(empty.connectionString, { mustExist: true }), 'NOT_FOUND');
      const status = await migrationStatus({
        provider: 'postgres',
        connectionString: empty.connectionString,
      });
      expect(status.applied).toEqual([]);
    } finally {
      await empty.drop();
    }
  });

  it('migrates, creates and reopens the store', async () => {
    const opened = await roundTrip(database.connectionString);
    expect(opened.description).toBe(database.connectionString);
    expect(opened.vectorHealth).not.toBeNull();
  });
});

describe('openStore on Cosmos DB', () => {
  let standIn: Awaited<ReturnType<typeof startCosmosStandIn>>;
  beforeAll(async () => {
    standIn = await startCosmosStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('reads the key from COSMOS_KEY, never from the URL', async () => {
    await expectAlmaError(openStore('cosmos://localhost:8081?db=alma', { env: {} }), 'VALIDATION');
  });

  it('opens a cosmos:// location through a given client (the in-process stand-in)', async () => {
    const client = cosmosClientFor(standIn);
    try {
      const location = parseStoreUrl('cosmos://127.0.0.1:1?db=alma-connect-test');
      const opened = await roundTrip(location, { cosmos: { client, search: 'exact' } });
      expect(opened.description).toBe('cosmos://127.0.0.1:1?db=alma-connect-test');
    } finally {
      client.dispose();
    }
  });
});
