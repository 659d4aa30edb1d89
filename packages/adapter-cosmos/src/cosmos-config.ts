import { ValidationError } from '@alma/core';
import { CosmosClient } from '@azure/cosmos';
import {
  BUILT_IN_DOCUMENT_UPGRADES,
  type DocumentUpgrade,
  validateDocumentUpgrades,
} from './schema/cosmos-schema.js';

/**
 * Provisioned throughput of the database, shared by its six containers. Only applied when the
 * adapter creates the database; serverless accounts must use 'serverless' (they reject throughput).
 */
export type CosmosThroughput =
  | { readonly mode: 'serverless' }
  | { readonly mode: 'manual'; readonly ru: number }
  | { readonly mode: 'autoscale'; readonly maxRu: number };

/**
 * 'auto' probes the account once at open; 'native' assumes vector and full-text search are enabled;
 * 'exact' never uses them (exact scans of the partition, the same results as the exact backends).
 */
export type CosmosSearchMode = 'auto' | 'native' | 'exact';

/** How the Cosmos DB store is set up; validated once, then frozen. */
export interface CosmosConfig {
  /** The client every request goes through; `ownsClient` says whether close() disposes it. */
  readonly client: CosmosClient;
  readonly ownsClient: boolean;
  /** The database holding the five kind containers and `alma_meta`; created when missing. */
  readonly databaseId: string;
  readonly throughput: CosmosThroughput;
  readonly search: CosmosSearchMode;
  /** Language of the full-text policy (native text search only). */
  readonly fullTextLanguage: string;
  /** Document upgrade steps, oldest first; the built-in ones unless a release or a test adds its own. */
  readonly documentUpgrades: readonly DocumentUpgrade[];
}

export interface CosmosOptions {
  /** An existing client (its owner disposes it); or give `endpoint` and `key`. */
  readonly client?: CosmosClient;
  readonly endpoint?: string;
  readonly key?: string;
  readonly databaseId: string;
  readonly throughput?: CosmosThroughput;
  readonly search?: CosmosSearchMode;
  readonly fullTextLanguage?: string;
  readonly documentUpgrades?: readonly DocumentUpgrade[];
}

/** Cosmos resource ids: 1-255 characters, none of / \ # ? and no trailing space. */
const RESOURCE_ID = /^[^/\\#?]{0,254}[^/\\#? ]$/;
const SEARCH_MODES: readonly CosmosSearchMode[] = ['auto', 'native', 'exact'];

export function parseCosmosConfig(options: CosmosOptions): CosmosConfig {
  if (typeof options !== 'object' || options === null)
    throw new ValidationError('cosmos store needs options');
  if (typeof options.databaseId !== 'string' || !RESOURCE_ID.test(options.databaseId)) {
    throw new ValidationError('databaseId must be 1-255 characters without / \\ # ? or a trailing space');
  }
  const search = options.search ?? 'auto';
  if (!SEARCH_MODES.includes(search)) throw new ValidationError("search must be 'auto', 'native' or 'exact'");
  const fullTextLanguage = options.fullTextLanguage ?? 'en-US';
  if (typeof fullTextLanguage !== 'string' || !/^[a-z]{2}-[A-Z]{2}$/.test(fullTextLanguage)) {
    throw new ValidationError("fullTextLanguage must look like 'en-US'");
  }
  const documentUpgrades = options.documentUpgrades ?? BUILT_IN_DOCUMENT_UPGRADES;
  validateDocumentUpgrades(documentUpgrades);
  return Object.freeze({
    ...connect(options),
    databaseId: options.databaseId,
    throughput: parseThroughput(options.throughput ?? { mode: 'serverless' }),
    search,
    fullTextLanguage,
    documentUpgrades: Object.freeze([...documentUpgrades]),
  });
}

function connect(options: CosmosOptions): Pick<CosmosConfig, 'client' | 'ownsClient'> {
  if (options.client !== undefined) {
    if (!(options.client instanceof CosmosClient)) throw new ValidationError('client must be a CosmosClient');
    if (options.endpoint !== undefined || options.key !== undefined) {
      throw new ValidationError('give either a client or an endpoint and key, not both');
    }
    return { client: options.client, ownsClient: false };
  }
  const { endpoint, key } = options;
  if (
    typeof endpoint !== 'string' ||
    !URL.canParse(endpoint) ||
    !/^https?:$/.test(new URL(endpoint).protocol)
  ) {
    throw new ValidationError('endpoint must be an http(s) URL of a Cosmos DB account');
  }
  if (typeof key !== 'string' || key.length === 0) throw new ValidationError('key must be the account key');
  return { client: new CosmosClient({ endpoint, key }), ownsClient: true };
}

function parseThroughput(throughput: CosmosThroughput): CosmosThroughput {
  if (throughput?.mode === 'serverless') return Object.freeze({ mode: 'serverless' });
  if (throughput?.mode === 'manual') {
    if (!Number.isInteger(throughput.ru) || throughput.ru < 400 || throughput.ru % 100 !== 0) {
      throw new ValidationError('manual throughput must be a multiple of 100 RU/s, at least 400');
    }
    return Object.freeze({ mode: 'manual', ru: throughput.ru });
  }
  if (throughput?.mode === 'autoscale') {
    if (!Number.isInteger(throughput.maxRu) || throughput.maxRu < 1000 || throughput.maxRu % 1000 !== 0) {
      throw new ValidationError('autoscale maxRu must be a multiple of 1000 RU/s, at least 1000');
    }
    return Object.freeze({ mode: 'autoscale', maxRu: throughput.maxRu });
  }
  throw new ValidationError("throughput.mode must be 'serverless', 'manual' or 'autoscale'");
}

/** The database request body for the configured throughput. */
export function databaseThroughput(throughput: CosmosThroughput): {
  throughput?: number;
  maxThroughput?: number;
} {
  if (throughput.mode === 'manual') return { throughput: throughput.ru };
  if (throughput.mode === 'autoscale') return { maxThroughput: throughput.maxRu };
  return {};
}
