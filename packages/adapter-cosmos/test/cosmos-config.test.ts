import { CosmosAdapter, type CosmosOptions, fieldDefaultUpgrade } from '@alma/adapter-cosmos';
import { CosmosHttpRecorder, cosmosClientFor } from '@alma/adapter-cosmos/testing';
import { MemoryStore } from '@alma/core';
import { expectAlmaError, sampleInput } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { cosmosTarget, freshDatabaseId } from './cosmos-test-target.js';

describe('configuration', () => {
  it.each<[string, Record<string, unknown>]>([
    ['no database id', {}],
    ['a database id with a slash', { databaseId: 'a/b' }],
    ['neither client nor endpoint', { databaseId: 'db' }],
    ['an endpoint without a key', { databaseId: 'db', endpoint: 'https://x.documents.azure.com' }],
    ['an endpoint that is not a URL', { databaseId: 'db', endpoint: 'not a url', key: 'k' }],
    ['a client and an endpoint', { databaseId: 'db', endpoint: 'https://x', key: 'k', client: 'shared' }],
    ['an unknown search mode', { databaseId: 'db', endpoint: 'https://x', key: 'k', search: 'fuzzy' }],
    [
      'manual throughput under 400',
      { databaseId: 'db', endpoint: 'https://x', key: 'k', throughput: { mode: 'manual', ru: 300 } },
    ],
    [
      'autoscale not in thousands',
      { databaseId: 'db', endpoint: 'https://x', key: 'k', throughput: { mode: 'autoscale', maxRu: 1500 } },
    ],
    [
      'a bad full-text language',
      { databaseId: 'db', endpoint: 'https://x', key: 'k', fullTextLanguage: 'english' },
    ],
    [
      'upgrade steps out of order',
      {
        databaseId: 'db',
        endpoint: 'https://x',
        key: 'k',
        documentUpgrades: [
          fieldDefaultUpgrade({ version: 4, kind: 'outcome', field: 'userFeedback', value: null }),
        ],
      },
    ],
  ])('rejects %s', async (_label, options) => {
    const shared = cosmosClientFor(cosmosTarget());
    const resolved = options.client === 'shared' ? { ...options, client: shared } : options;
    await expectAlmaError(CosmosAdapter.open(resolved as unknown as CosmosOptions), 'VALIDATION');
    shared.dispose();
  });

  it.each([
    ['manual', { mode: 'manual', ru: 400 } as const, 'x-ms-offer-throughput', '400'],
    [
      'autoscale',
      { mode: 'autoscale', maxRu: 4000 } as const,
      'x-ms-cosmos-offer-autopilot-settings',
      '{"maxThroughput":4000}',
    ],
  ])('provisions %s throughput when it creates the database', async (_label, throughput, header, value) => {
    const recorder = new CosmosHttpRecorder();
    const client = cosmosClientFor(cosmosTarget(), { httpClient: recorder });
    const databaseId = freshDatabaseId();
    const adapter = await CosmosAdapter.open({ client, databaseId, throughput, search: 'exact' });
    const create = recorder.requests.find((request) => request.method === 'POST' && request.path === '/dbs');
    expect(create?.headers[header]).toBe(value);
    await adapter.close();
    await client.database(databaseId).delete();
    client.dispose();
  });

  it("'auto' search probes the account once and falls back to exact search where it has none", async () => {
    const recorder = new CosmosHttpRecorder();
    const client = cosmosClientFor(cosmosTarget(), { httpClient: recorder });
    const databaseId = freshDatabaseId();
    const adapter = await CosmosAdapter.open({ client, databaseId, search: 'auto' });
    const probes = recorder.requests.filter((request) => request.kind === 'query');
    if (cosmosTarget().standIn) {
      expect(adapter.capabilities.vectorSearch).toBe('exact');
      expect(probes.map((probe) => probe.status)).toEqual([400, 400]);
    }
    expect(recorder.requests.some((request) => request.kind === 'cross-partition-query')).toBe(false);
    const store = await MemoryStore.open(adapter, { dimension: 8 });
    await store.heuristics.put(sampleInput('heuristic'));
    await store.close();
    await client.database(databaseId).delete();
    client.dispose();
  });

  it('fails with STORAGE, not a raw driver error, when the endpoint cannot be reached', async () => {
    const client = cosmosClientFor({ endpoint: 'http://127.0.0.1:1', key: 'a2V5', standIn: true });
    const error = await expectAlmaError(CosmosAdapter.open({ client, databaseId: 'db' }), 'STORAGE');
    expect(error.message).toContain('cannot reach');
    expect(error.details.retryable).toBe(true);
    client.dispose();
  });

  it('refuses operations after close', async () => {
    const client = cosmosClientFor(cosmosTarget());
    const databaseId = freshDatabaseId();
    const adapter = await CosmosAdapter.open({ client, databaseId, search: 'exact' });
    const store = await MemoryStore.open(adapter, { dimension: 8 });
    await store.close();
    await expectAlmaError(store.heuristics.put(sampleInput('heuristic')), 'STORAGE');
    await client.database(databaseId).delete();
    client.dispose();
  });
});
