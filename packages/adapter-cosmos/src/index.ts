export {
  type CosmosSearchMode,
  type CosmosStoreConfig,
  type CosmosStoreOptions,
  type CosmosThroughput,
  parseCosmosStoreConfig,
} from './cosmos-config.js';
export { kindContainerDefinition, META_CONTAINER, type SearchFeatures } from './cosmos-containers.js';
export { assertDocumentSize, type EmbeddingFormat, MAX_DOCUMENT_BYTES } from './cosmos-conversion.js';
export { toAlmaError } from './cosmos-errors.js';
export type { MigrationReport } from './cosmos-migrate.js';
export { findQuery } from './cosmos-queries.js';
export {
  BUILT_IN_DOCUMENT_UPGRADES,
  CONTAINER_SETTINGS_VERSION,
  type CosmosDocument,
  type DocumentUpgrade,
  fieldDefaultUpgrade,
} from './cosmos-schema.js';
export { nativeTextQuery, nativeVectorQuery } from './cosmos-search-queries.js';
export { CosmosAdapter } from './cosmos-store.js';
