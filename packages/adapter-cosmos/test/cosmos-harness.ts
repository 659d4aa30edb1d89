import { CosmosAdapter, type CosmosSearchMode } from '@alma/adapter-cosmos';
import { cosmosClientFor } from '@alma/adapter-cosmos/testing';
import { defineCapabilities } from '@alma/core';
import type { ConformanceHarness } from '@alma/core/testing';
import type { CosmosClient } from '@azure/cosmos';
import { cosmosTarget, freshDatabaseId } from './cosmos-test-target.js';

/**
 * The stand-in has no vector or full-text search, so the suites run the exact fallbacks there. Against
 * a real account COSMOS_SEARCH=native runs the DiskANN and full-text paths instead (recall-checked).
 */
const search: CosmosSearchMode = process.env.COSMOS_SEARCH === 'native' ? 'native' : 'exact';

/** Every instance is a fresh database of its own, deleted when the instance is destroyed. */
export function cosmosHarness(): ConformanceHarness {
  let client: CosmosClient;
  return {
    name: `cosmos (${cosmosTarget().standIn ? 'protocol stand-in' : 'real account'}, ${search} search)`,
    capabilities: defineCapabilities({
      vectorSearch: search === 'native' ? 'approximate' : 'exact',
      textSearch: true,
      atomicBatch: false,
      persistent: true,
      multiProcess: true,
    }),
    async setup() {
      client = cosmosClientFor(cosmosTarget());
    },
    async teardown() {
      client.dispose();
    },
    async create() {
      const databaseId = freshDatabaseId();
      const open = () => CosmosAdapter.open({ client, databaseId, search });
      return {
        adapter: await open(),
        reopen: open,
        destroy: async () => {
          await client.database(databaseId).delete();
        },
      };
    },
  };
}
