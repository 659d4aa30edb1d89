import { type OpenedStore, openStore, parseStoreUrl, type StoreLocation } from '@alma/connect';
import { type Embedder, isAlmaError, ValidationError } from '@alma/core';
import {
  Alma,
  type AlmaConfigInput,
  createEmbedder,
  HashingEmbedder,
  loadAlmaConfig,
  parseAlmaConfig,
} from '@alma/engine';
import type { CliIo } from './cli-io.js';

/** The embedder of a new store when nothing names one: the offline default. */
export const DEFAULT_DIMENSION = 384;

/** The store location a command works on: `--store`, else $ALMA_STORE, else the embedded default. */
export function storeLocation(io: CliIo, url: string | undefined): StoreLocation {
  return parseStoreUrl(url ?? io.env.ALMA_STORE, io.cwd);
}

/** Opens a store that must already exist (exports, copy sources, doctor). */
export function openExistingStore(io: CliIo, url: string | undefined): Promise<OpenedStore> {
  return openStore(storeLocation(io, url), { mustExist: true, env: io.env });
}

export interface EngineOptions {
  readonly store?: string;
  readonly project?: string;
  readonly config?: string;
  /** Create the store when it does not exist (commands that write); reading commands never create one. */
  readonly create?: boolean;
}

export interface EngineSession {
  readonly alma: Alma;
  readonly opened: OpenedStore;
  close(): Promise<void>;
}

/**
 * Opens the engine over a store. The configuration file, when given, names agents and embedder;
 * without one, every agent the command names may learn anything, and the embedder is the one the
 * store recorded when ALMA can build it alone (the hashing default), else a new store's default.
 */
export async function openEngine(
  io: CliIo,
  options: EngineOptions,
  agents: readonly string[],
  overrides: Partial<AlmaConfigInput> = {},
): Promise<EngineSession> {
  const file = options.config ?? io.env.ALMA_CONFIG;
  const loaded = file ? await loadAlmaConfig(file, io.env) : null;
  const projectId = options.project ?? loaded?.projectId ?? io.env.ALMA_PROJECT ?? 'default';
  const config = parseAlmaConfig({
    ...loaded,
    projectId,
    agents: loaded?.agents ?? Object.fromEntries(agents.map((agent) => [agent, {}])),
    ...overrides,
  });
  const location = storeLocation(io, options.store);
  const create = options.create ?? false;
  const { opened, embedder } = config.embedder
    ? await openWith(io, location, await createEmbedder(config.embedder), create)
    : await openWithRecordedEmbedder(io, location, create);
  try {
    const alma = new Alma({ store: opened.store, embedder, config });
    return { alma, opened, close: () => opened.close() };
  } catch (error) {
    await opened.close();
    throw error;
  }
}

async function openWith(io: CliIo, location: StoreLocation, embedder: Embedder, create: boolean) {
  const opened = await openStore(location, {
    dimension: embedder.dimension,
    embedder: embedder.id,
    mustExist: !create,
    env: io.env,
  });
  return { opened, embedder };
}

async function openWithRecordedEmbedder(io: CliIo, location: StoreLocation, create: boolean) {
  let opened: OpenedStore;
  try {
    opened = await openStore(location, { mustExist: true, env: io.env });
  } catch (error) {
    if (!create || !isAlmaError(error, 'NOT_FOUND')) throw error;
    return openWith(io, location, new HashingEmbedder(DEFAULT_DIMENSION), true);
  }
  const embedder = embedderOf(opened.store.manifest.embedder, opened.store.dimension);
  if (embedder) return { opened, embedder };
  await opened.close();
  throw new ValidationError(
    `the store holds vectors of embedder '${opened.store.manifest.embedder}': pass --config with an embedder section that builds it`,
  );
}

/** The embedder a recorded id names when ALMA can build it without settings: the hashing embedder. */
export function embedderOf(id: string | null, dimension: number): Embedder | null {
  if (id === null) return new HashingEmbedder(dimension);
  const hashing = /^hashing-v1:(\d+)$/.exec(id);
  return hashing && Number(hashing[1]) === dimension ? new HashingEmbedder(dimension) : null;
}
