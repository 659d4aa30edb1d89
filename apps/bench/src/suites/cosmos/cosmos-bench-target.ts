import { randomUUID } from 'node:crypto';
import { CosmosAdapter } from '@alma/adapter-cosmos';
import {
  CosmosHttpRecorder,
  type CosmosTarget,
  cosmosClientFor,
  realAccountFromEnvironment,
  startCosmosStandIn,
} from '@alma/adapter-cosmos/testing';
import { MemoryStore } from '@alma/core';

export const BENCH_DIMENSION = 384;

/** One fresh database on the stand-in (or the account in COSMOS_ENDPOINT), every request recorded. */
export interface CosmosBench {
  readonly target: CosmosTarget;
  readonly store: MemoryStore;
  readonly recorder: CosmosHttpRecorder;
  dispose(): Promise<void>;
}

export async function openCosmosBench(): Promise<CosmosBench> {
  const account = realAccountFromEnvironment();
  const standIn = account ? null : await startCosmosStandIn();
  const target = account ?? standIn!;
  const recorder = new CosmosHttpRecorder();
  const client = cosmosClientFor(target, { httpClient: recorder });
  const databaseId = `alma-bench-${randomUUID()}`;
  const adapter = await CosmosAdapter.open({ client, databaseId, search: 'auto' });
  const store = await MemoryStore.open(adapter, { dimension: BENCH_DIMENSION });
  return {
    target,
    store,
    recorder,
    async dispose() {
      await store.close();
      await client.database(databaseId).delete();
      client.dispose();
      await standIn?.close();
    },
  };
}
