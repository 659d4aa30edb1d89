import { MemoryStore, NotFoundError, type StoreAdapter } from '@alma/core';
import { type ConnectOptions, parseConnectOptions } from './connect-options.js';
import { type OpenedAdapter, openAdapter } from './open-adapter.js';
import { describeStoreLocation, parseStoreUrl, type StoreLocation } from './store-url.js';

/** An open store, with what `alma doctor` needs beyond the store contract. */
export interface OpenedStore extends OpenedAdapter {
  readonly location: StoreLocation;
  /** The location as a URL fit for messages: passwords masked, keys never present. */
  readonly description: string;
  readonly store: MemoryStore;
  readonly adapter: StoreAdapter;
  close(): Promise<void>;
}

/**
 * Opens the store a URL (or a parsed location) names, on whichever backend it is: the one factory
 * every app shares. Without a URL, the embedded default (SQLite in `./.alma/`).
 * @example const { store, close } = await openStore('sqlite:./alma.db', { dimension: 384, embedder: 'hashing-v1:384' });
 */
export async function openStore(
  where: string | StoreLocation | undefined,
  options: ConnectOptions = {},
): Promise<OpenedStore> {
  const config = parseConnectOptions(options);
  const location = typeof where === 'object' ? where : parseStoreUrl(where);
  const description = describeStoreLocation(location);
  const opened = await openAdapter(location, config);
  try {
    if (config.mustExist && (await opened.adapter.readManifest()) === null) {
      throw new NotFoundError(`${description} holds no ALMA store yet`, { details: { store: description } });
    }
    const store = await MemoryStore.open(opened.adapter, {
      ...(config.dimension === undefined ? {} : { dimension: config.dimension }),
      ...(config.embedder === undefined ? {} : { embedder: config.embedder }),
    });
    return { ...opened, location, description, store, close: () => store.close() };
  } catch (error) {
    await opened.adapter.close();
    throw error;
  }
}
