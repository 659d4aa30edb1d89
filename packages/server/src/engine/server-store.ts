import { resolve } from 'node:path';
import {
  describeStoreLocation,
  type OpenedAdapter,
  openAdapter,
  parseConnectOptions,
  parseStoreUrl,
} from '@alma/connect';
import {
  type Embedder,
  instrumentAdapter,
  MemoryStore,
  type TelemetryOptions,
  ValidationError,
} from '@alma/core';
import { type AlmaConfig, createEmbedder, loadAlmaConfig } from '@alma/engine';
import { recordedEmbedder } from './recorded-embedder.js';

/** The one store a server shares between its projects, and the embedder of its vectors. */
export interface ServerStore {
  readonly store: MemoryStore;
  readonly embedder: Embedder;
  /** The location fit for logs: passwords masked. */
  readonly description: string;
  /** The derived vector index against the rows (SQLite's LanceDB); null where the backend keeps none apart. */
  readonly vectorHealth: OpenedAdapter['vectorHealth'];
  close(): Promise<void>;
}

export interface ServerStoreOptions {
  readonly url: string | undefined;
  readonly config: AlmaConfig | null;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Overrides the configuration's (or the recorded) embedder: tests and embedding apps. */
  readonly embedder?: Embedder;
  readonly telemetry?: TelemetryOptions;
}

/**
 * Opens the store a URL names (default: the embedded SQLite store), with every adapter operation
 * traced and measured by the core's OpenTelemetry decorator. The embedder is the one given, else
 * the configuration's, else the one the store recorded (the offline default for a new store).
 */
export async function openServerStore(options: ServerStoreOptions): Promise<ServerStore> {
  const location = parseStoreUrl(options.url ?? options.env.ALMA_STORE, options.cwd);
  const description = describeStoreLocation(location);
  const configured =
    options.embedder ?? (options.config?.embedder ? await createEmbedder(options.config.embedder) : null);
  const { adapter, vectorHealth } = await openAdapter(location, parseConnectOptions({ env: options.env }));
  try {
    const traced = instrumentAdapter(adapter, options.telemetry);
    const embedder = configured ?? recordedEmbedder(await traced.readManifest());
    if (embedder === null) {
      throw new ValidationError(
        `${description} holds vectors of an embedder the server cannot build alone: pass --config with an embedder section`,
      );
    }
    const store = await MemoryStore.open(traced, { dimension: embedder.dimension, embedder: embedder.id });
    return { store, embedder, description, vectorHealth, close: () => store.close() };
  } catch (error) {
    await adapter.close();
    throw error;
  }
}

/** Where a server finds its store and configuration, as its flags and environment name them. */
export interface ConfiguredStoreOptions extends Omit<ServerStoreOptions, 'config'> {
  /** The configuration file, relative to `cwd`; without one, agents are open and the embedder recorded. */
  readonly configFile: string | undefined;
}

/** Loads the configuration a file names (if any), then opens the store with it. */
export async function openConfiguredStore(
  options: ConfiguredStoreOptions,
): Promise<{ config: AlmaConfig | null; opened: ServerStore }> {
  const { configFile, ...store } = options;
  const config = configFile ? await loadAlmaConfig(resolve(options.cwd, configFile), options.env) : null;
  return { config, opened: await openServerStore({ ...store, config }) };
}
