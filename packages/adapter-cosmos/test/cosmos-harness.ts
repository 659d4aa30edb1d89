import { CosmosAdapter, type CosmosSearchMode } from '@alma/adapter-cosmos';
import { type CosmosStandIn, cosmosClientFor, startCosmosStandIn } from '@alma/adapter-cosmos/testing';
import { defineCapabilities } from '@alma/core';
import type { ConformanceHarness } from '@alma/core/testing';
import type { CosmosClient } from '@azure/cosmos';
import { cosmosTarget, freshDatabaseId } from './cosmos-test-target.js';

/**
 * The stand-in has no vector or full-text search, so the suites run the exact fallbacks there. Against
 * a real account COSMOS_SEARCH=native runs the DiskANN and full-text paths instead (recall-checked).
 */
const search: CosmosSearchMode = process.env.COSMOS_SEARCH === 'native' ? 'native' : 'exact';

/**
 * Every instance is a fresh database of its own, deleted when the instance is destroyed. On the
 * stand-in the suites, thousands of requests each, talk to a stand-in of their own in this worker
 * without a socket; the other test files keep the shared one on the network.
 */
export function cosmosHarness(): ConformanceHarness {
  let client: CosmosClient;
  let local: CosmosStandIn | null = null;
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
      if (cosmosTarget().standIn) {
        local = await startCosmosStandIn();
        client = cosmosClientFor(local, { httpClient: local.httpClient });
      } else client = cosmosClientFor(cosmosTarget());
    },
    async teardown() {
      client.dispose();
      await local?.close();
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
