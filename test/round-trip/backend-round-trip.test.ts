import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosmosClientFor, startCosmosStandIn } from '@alma/adapter-cosmos/testing';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@alma/adapter-sql/testing';
import {
  type ConnectOptions,
  type OpenedStore,
  openStore,
  parseStoreUrl,
  type StoreLocation,
} from '@alma/connect';
import { compareDigests, copyStore, digestStore, KINDS } from '@alma/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDataset } from '../support/memory-dataset.js';
import { exportText } from '../support/store-export.js';

const DIMENSION = 16;
const EMBEDDER = 'round-trip:16';
const PER_KIND = 60;

describe('round trip file → SQLite → PostgreSQL → Cosmos DB (stand-in) → file', () => {
  let directory: string;
  let database: PostgresTestDatabase;
  let standIn: Awaited<ReturnType<typeof startCosmosStandIn>>;
  let cosmosClient: ReturnType<typeof cosmosClientFor>;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'alma-round-trip-'));
    database = await createPostgresTestDatabase('alma_round_trip');
    standIn = await startCosmosStandIn();
    cosmosClient = cosmosClientFor(standIn);
  });
  afterAll(async () => {
    cosmosClient?.dispose();
    await standIn?.close();
    await database?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('is lossless: every hop verifies, and the exports at both ends are byte-identical', async () => {
    // The stand-in serves plain HTTP, so the Cosmos leg goes through a ready client; the URL still names it.
    const cosmos: ConnectOptions = { cosmos: { client: cosmosClient, search: 'exact' } };
    const hops: { where: StoreLocation; options?: ConnectOptions }[] = [
      { where: parseStoreUrl(`file:${join(directory, 'first')}`) },
      { where: parseStoreUrl(`sqlite:${join(directory, 'alma.db')}`) },
      { where: parseStoreUrl(database.connectionString) },
      { where: parseStoreUrl('cosmos://127.0.0.1:8081?db=alma-round-trip'), options: cosmos },
      { where: parseStoreUrl(`file:${join(directory, 'last')}`) },
    ];
    const first = await openStore(hops[0]!.where, { dimension: DIMENSION, embedder: EMBEDDER });
    await seedDataset(first.store, PER_KIND);
    const original = await exportText(first.store);
    await first.close();
    expect(original.split('\n')).toHaveLength(1 + KINDS.length * PER_KIND + 1 + 1);

    const exports: string[] = [original];
    for (let hop = 1; hop < hops.length; hop++) {
      const from = hops[hop - 1]!;
      const to = hops[hop]!;
      const source = await openStore(from.where, { ...from.options, mustExist: true });
      let target: OpenedStore | null = null;
      try {
        target = await openStore(to.where, { ...to.options, dimension: DIMENSION, embedder: EMBEDDER });
        const report = await copyStore(source.store, target.store, { batchSize: 37 });
        const verification = compareDigests(report.sourceDigest, await digestStore(target.store));
        const differing = verification.rows.filter((row) => row.status !== 'match');
        expect(differing, `${source.description} → ${target.description}`).toEqual([]);
        expect(verification.rows).toHaveLength(KINDS.length * 4);
        exports.push(await exportText(target.store));
      } finally {
        await target?.close();
        await source.close();
      }
      expect(exports[hop], `export of ${hops[hop]!.where.kind}`).toBe(original);
    }
    const last = await openStore(hops.at(-1)!.where, { mustExist: true });
    try {
      expect(await exportText(last.store)).toBe(original);
    } finally {
      await last.close();
    }
  });
});
