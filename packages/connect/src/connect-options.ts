import type { CosmosOptions } from '@alma/adapter-cosmos';
import { ValidationError } from '@alma/core';

/** How `openStore` opens a store; validated once, then frozen. */
export interface ConnectOptions {
  /** For a store that has no manifest yet: its embedding dimension. */
  readonly dimension?: number;
  /** For a store that has no manifest yet: the embedder whose vectors it will hold. */
  readonly embedder?: string;
  /**
   * Only open a store that already exists: NotFoundError instead of creating files, directories
   * or databases (for sources of exports and copies, and for `alma doctor`).
   */
  readonly mustExist?: boolean;
  /** Apply pending SQL migrations on open (default true). */
  readonly migrate?: boolean;
  /** Where `cosmos://` locations read their key (default: `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Cosmos DB settings a URL cannot carry: a ready client (e.g. for an emulator), search mode, throughput. */
  readonly cosmos?: Partial<Pick<CosmosOptions, 'client' | 'search' | 'throughput'>>;
}

export type ConnectConfig = Readonly<
  Required<Pick<ConnectOptions, 'mustExist' | 'migrate' | 'env'>> &
    Pick<ConnectOptions, 'dimension' | 'embedder' | 'cosmos'>
>;

export function parseConnectOptions(options: ConnectOptions = {}): ConnectConfig {
  if (typeof options !== 'object' || options === null)
    throw new ValidationError('openStore options must be an object');
  if (options.embedder !== undefined && (typeof options.embedder !== 'string' || options.embedder === '')) {
    throw new ValidationError('embedder must be a non-empty id');
  }
  return Object.freeze({
    ...(options.dimension === undefined ? {} : { dimension: options.dimension }),
    ...(options.embedder === undefined ? {} : { embedder: options.embedder }),
    ...(options.cosmos === undefined ? {} : { cosmos: options.cosmos }),
    mustExist: options.mustExist ?? false,
    migrate: options.migrate ?? true,
    env: options.env ?? process.env,
  });
}
