// Fills stores with the dataset and writes each store's export, with the code of the release this file
// runs in. The upgrade test copies it into a previous release's tree and runs it there with that
// release's tsx, so the stores are written exactly as that release writes them:
//   tsx --conditions=@alma/source test/support/fill-stores.ts '<FillPlan as JSON>'
import { writeFile } from 'node:fs/promises';
import { CosmosAdapter } from '@alma/adapter-cosmos';
import { cosmosClientFor } from '@alma/adapter-cosmos/testing';
import { openStore, parseStoreUrl } from '@alma/connect';
import { type MemoryStore, MemoryStore as Store } from '@alma/core';
import { seedDataset } from './memory-dataset.js';
import { exportText } from './store-export.js';

/** One store to fill: by URL, or a Cosmos database on a stand-in reached over plain HTTP. */
export type FillStore =
  | { readonly url: string }
  | { readonly cosmos: { readonly endpoint: string; readonly key: string; readonly database: string } };
/** A store to fill, and the file its export goes to. */
export type FillTarget = FillStore & { readonly exportTo: string };

export interface FillPlan {
  readonly targets: readonly FillTarget[];
  readonly perKind: number;
  readonly dimension: number;
  readonly embedder: string;
}

async function open(
  target: FillTarget,
  plan: FillPlan,
): Promise<{ store: MemoryStore; close(): Promise<void> }> {
  const identity = { dimension: plan.dimension, embedder: plan.embedder };
  if ('url' in target) {
    const opened = await openStore(parseStoreUrl(target.url), identity);
    return { store: opened.store, close: () => opened.close() };
  }
  const client = cosmosClientFor({ endpoint: target.cosmos.endpoint, key: target.cosmos.key, standIn: true });
  const adapter = await CosmosAdapter.open({ client, databaseId: target.cosmos.database, search: 'exact' });
  const store = await Store.open(adapter, identity);
  return {
    store,
    close: async () => {
      await store.close();
      client.dispose();
    },
  };
}

async function fill(plan: FillPlan): Promise<void> {
  for (const target of plan.targets) {
    const opened = await open(target, plan);
    try {
      await seedDataset(opened.store, plan.perKind);
      await writeFile(target.exportTo, await exportText(opened.store));
    } finally {
      await opened.close();
    }
  }
}

if (process.argv[2] !== undefined) await fill(JSON.parse(process.argv[2]) as FillPlan);
