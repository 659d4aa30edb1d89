import { randomUUID } from 'node:crypto';
import { CosmosAdapter, type CosmosOptions } from '@alma/adapter-cosmos';
import { CosmosHttpRecorder, type CosmosTarget, cosmosClientFor } from '@alma/adapter-cosmos/testing';
import { MemoryStore } from '@alma/core';
import type { CosmosClient } from '@azure/cosmos';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    cosmosTarget: CosmosTarget;
  }
}

export function cosmosTarget(): CosmosTarget {
  return inject('cosmosTarget');
}

/** A unique database id: every store under test lives alone in its own database. */
export function freshDatabaseId(): string {
  return `alma-test-${randomUUID()}`;
}

export interface RecordedStore {
  readonly store: MemoryStore;
  readonly adapter: CosmosAdapter;
  readonly recorder: CosmosHttpRecorder;
  readonly client: CosmosClient;
  readonly databaseId: string;
  /** Closes the store and deletes its database. */
  dispose(): Promise<void>;
}

/** A new store on its own database whose every HTTP request is recorded. */
export async function openRecordedStore(
  options: Partial<Omit<CosmosOptions, 'client' | 'endpoint' | 'key'>> = {},
  dimension = 8,
): Promise<RecordedStore> {
  const recorder = new CosmosHttpRecorder();
  const client = cosmosClientFor(cosmosTarget(), {
    httpClient: recorder,
    connectionPolicy: { retryOptions: { maxRetryAttemptCount: 3, maxWaitTimeInSeconds: 5 } },
  });
  const databaseId = options.databaseId ?? freshDatabaseId();
  const adapter = await CosmosAdapter.open({ search: 'exact', ...options, client, databaseId });
  const store = await MemoryStore.open(adapter, { dimension });
  return {
    store,
    adapter,
    recorder,
    client,
    databaseId,
    async dispose() {
      await store.close();
      await client.database(databaseId).delete();
      client.dispose();
    },
  };
}
