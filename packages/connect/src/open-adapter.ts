import { existsSync } from 'node:fs';
import type { CosmosAdapter } from '@alma/adapter-cosmos';
import type { VectorIndexHealth } from '@alma/adapter-sql';
import { NotFoundError, type StoreAdapter, ValidationError } from '@alma/core';
import type { ConnectConfig } from './connect-options.js';
import { describeStoreLocation, type StoreLocation } from './store-url.js';

/** A backend's adapter, and what only some backends can tell about themselves. */
export interface OpenedAdapter {
  readonly adapter: StoreAdapter;
  /** The derived vector index against the rows, where a backend keeps one apart (SQLite's LanceDB); null elsewhere. */
  readonly vectorHealth: (() => Promise<readonly VectorIndexHealth[]>) | null;
}

/**
 * Opens the adapter a location names. With `mustExist`, nothing is created on disk for a missing store.
 * Each backend's package is loaded when first used: opening SQLite never loads the Cosmos SDK.
 */
export async function openAdapter(location: StoreLocation, config: ConnectConfig): Promise<OpenedAdapter> {
  switch (location.kind) {
    case 'file': {
      if (config.mustExist && !existsSync(location.directory)) throw missing(location);
      const { FileAdapter } = await import('@alma/adapter-file');
      return { adapter: await FileAdapter.open({ directory: location.directory }), vectorHealth: null };
    }
    case 'sqlite': {
      if (config.mustExist && !existsSync(location.file)) throw missing(location);
      const { migrationStatus, SqlAdapter } = await import('@alma/adapter-sql');
      if (config.mustExist)
        await assertMigrated(location, () => migrationStatus({ provider: 'sqlite', file: location.file }));
      const adapter = await SqlAdapter.open({
        dialect: 'sqlite',
        file: location.file,
        vectorsDirectory: location.vectorsDirectory,
        migrate: config.migrate,
      });
      return { adapter, vectorHealth: () => adapter.vectorHealth() };
    }
    case 'postgres': {
      const { migrationStatus, SqlAdapter } = await import('@alma/adapter-sql');
      if (config.mustExist) {
        const target = { provider: 'postgres', connectionString: location.connectionString } as const;
        await assertMigrated(location, () => migrationStatus(target));
      }
      const adapter = await SqlAdapter.open({
        dialect: 'postgres',
        connectionString: location.connectionString,
        migrate: config.migrate,
      });
      return { adapter, vectorHealth: () => adapter.vectorHealth() };
    }
    case 'cosmos':
      return { adapter: await openCosmos(location, config), vectorHealth: null };
  }
}

async function openCosmos(
  location: Extract<StoreLocation, { kind: 'cosmos' }>,
  config: ConnectConfig,
): Promise<CosmosAdapter> {
  const { CosmosAdapter } = await import('@alma/adapter-cosmos');
  const { client, ...settings } = config.cosmos ?? {};
  if (client !== undefined) return CosmosAdapter.open({ ...settings, client, databaseId: location.database });
  const key = config.env[location.keyVariable];
  if (!key) {
    throw new ValidationError(
      `${describeStoreLocation(location)} needs the account key in the ${location.keyVariable} environment variable`,
    );
  }
  return CosmosAdapter.open({ ...settings, endpoint: location.endpoint, key, databaseId: location.database });
}

/** A SQL database that never had ALMA's schema holds no store: say so before migrating anything into it. */
async function assertMigrated(
  location: StoreLocation,
  status: () => Promise<{ readonly applied: readonly string[] }>,
): Promise<void> {
  if ((await status()).applied.length === 0) throw missing(location);
}

function missing(location: StoreLocation): NotFoundError {
  return new NotFoundError(`no ALMA store at ${describeStoreLocation(location)}`, {
    details: { store: describeStoreLocation(location) },
  });
}
