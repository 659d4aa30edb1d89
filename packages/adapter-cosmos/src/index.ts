export { CosmosAdapter } from './cosmos-adapter.js';
export {
  type CosmosConfig,
  type CosmosOptions,
  type CosmosSearchMode,
  type CosmosThroughput,
  parseCosmosConfig,
} from './cosmos-config.js';
export { assertDocumentSize, type EmbeddingFormat, MAX_DOCUMENT_BYTES } from './cosmos-conversion.js';
export { toAlmaError } from './cosmos-errors.js';
export { findQuery } from './queries/cosmos-queries.js';
export { nativeTextQuery, nativeVectorQuery } from './queries/cosmos-search-queries.js';
export { kindContainerDefinition, META_CONTAINER, type SearchFeatures } from './schema/cosmos-containers.js';
export type { MigrationReport } from './schema/cosmos-migrate.js';
export {
  BUILT_IN_DOCUMENT_UPGRADES,
  CONTAINER_SETTINGS_VERSION,
  type CosmosDocument,
  type DocumentUpgrade,
  fieldDefaultUpgrade,
} from './schema/cosmos-schema.js';
