// The public surface of @alma/core, named one by one: what a backend, an app or a user of the
// contract needs. Everything else is internal and may change without notice.

export {
  AlmaError,
  type AlmaErrorOptions,
  ConflictError,
  CorruptDataError,
  DimensionMismatchError,
  ERROR_CODES,
  type ErrorCode,
  isAlmaError,
  MigrationStateError,
  NotFoundError,
  ScopeViolationError,
  StorageError,
  StoreLockedError,
  UnsupportedError,
  ValidationError,
} from './errors/alma-error.js';
export { matchesFilter } from './filter/evaluate-filter.js';
export type {
  Clause,
  Condition,
  Equality,
  Filter,
  FilterField,
  MetadataValue,
  NormalizedFilter,
  Range,
  RangeOp,
  Scalar,
} from './filter/filter-types.js';
export { MAX_IN_VALUES, METADATA_KEY_PATTERN, parseFilter } from './filter/parse-filter.js';
export { isUuid, UUID_PATTERN, uuidv7 } from './ids/uuid-v7.js';
export { checkedCounter, MAX_COUNTER } from './model/counter-range.js';
export {
  type DerivedOrderField,
  derivedOrderFields,
  orderValue,
  type Ratio,
} from './model/derived-order.js';
export type { Embedder } from './model/embedder.js';
export { type EmbeddedKind, embeddingText, embeddingTextOfRecord } from './model/embedding-text.js';
export type { FieldSpec, FieldType } from './model/fields.js';
export {
  type AntiPattern,
  type AnyMemoryRecord,
  type ArchivedMemory,
  type ArtifactLink,
  type Checkpoint,
  type CounterField,
  type DomainKnowledge,
  type FieldValue,
  fieldsOf,
  type Heuristic,
  IMMUTABLE_FIELDS,
  type ImmutableField,
  isKind,
  isMemoryKind,
  KIND_FIELDS,
  KIND_STORAGE_NAMES,
  KINDS,
  type Kind,
  MEMORY_KINDS,
  type MemoryInput,
  type MemoryKind,
  type MemoryRecord,
  type Outcome,
  type Preference,
  type Ref,
  WORKFLOW_KINDS,
  type WorkflowOutcome,
} from './model/kinds.js';
export {
  MAX_ARCHIVED_RECORD_BYTES,
  MAX_DIMENSION,
  MAX_INSTANT,
  MAX_KEY_LENGTH,
  MAX_LIST_LENGTH,
  MAX_METADATA_BYTES,
  MAX_STATE_BYTES,
  MAX_TEXT_LENGTH,
  MIN_INSTANT,
  PROJECT_ID_PATTERN,
} from './model/limits.js';
export { normalizeRecord } from './model/normalize-record.js';
export { type Patch, type PatchInput, validationErrorFrom, valueSchemaOf } from './model/patch.js';
export { reembedRecords } from './model/reembed-records.js';
export { storageNameOf } from './model/storage-names.js';
export { createRecordTables, MemoryAdapter } from './reference/memory-adapter.js';
export { RecordTable } from './reference/record-table.js';
export { type Capabilities, defineCapabilities } from './store/capabilities.js';
export { Collection, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './store/collection.js';
export { keysetPage } from './store/keyset-page.js';
export { type LeaseOptions, type LeaseRecord, type LeaseTable, withLease } from './store/lease.js';
export { MemoryStore, type OpenStoreOptions } from './store/memory-store.js';
export { ProcessLock } from './store/process-lock.js';
export { projectList } from './store/project-list.js';
export type {
  AdapterFindQuery,
  AdapterTextQuery,
  AdapterVectorQuery,
  BatchFailure,
  BatchResult,
  CursorPosition,
  Direction,
  FieldOrder,
  FindQuery,
  Hit,
  Order,
  OrderField,
  Page,
  RatioOrder,
  ScanOptions,
  SchemaStatus,
  ScoredRecord,
  SearchQuery,
  Stats,
} from './store/query-types.js';
export { SerialQueue } from './store/serial-queue.js';
export type { RecordChange, StampedPatch, StoreAdapter, StoreManifest } from './store/store-adapter.js';
export { instrumentAdapter, TELEMETRY_SCOPE, type TelemetryOptions } from './telemetry/instrument-adapter.js';
export { searchableFieldsOf, searchableTokens } from './text/searchable-text.js';
export { MAX_TEXT_QUERY_LENGTH, tokenize } from './text/tokenize.js';
export {
  type CopyOptions,
  type CopyProgress,
  type CopyReport,
  copyStore,
  DEFAULT_COPY_BATCH_SIZE,
} from './transfer/copy-store.js';
export {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  type ExportSummary,
  type ExportVersion,
  emptyCounts,
  READABLE_EXPORT_VERSIONS,
} from './transfer/export-format.js';
export {
  checkExport,
  type ImportOptions,
  type ImportReport,
  importRecords,
} from './transfer/import-records.js';
export { type ImportItem, readExport } from './transfer/ndjson-reader.js';
export { type ExportOptions, exportStore, recordLine } from './transfer/ndjson-writer.js';
export {
  decodeEmbedding,
  decodeRecord,
  encodeEmbedding,
  encodeRecord,
  sortedKeys,
} from './transfer/record-codec.js';
export {
  CURRENT_RECORD_LAYOUT,
  isRecordLayout,
  kindsOfLayout,
  RECORD_LAYOUTS,
  type RecordLayout,
  upgradeEncodedRecord,
} from './transfer/record-layouts.js';
export {
  compareDigests,
  type DigestEntry,
  type DigestOptions,
  digestStore,
  type Verification,
  type VerificationRow,
} from './transfer/store-digest.js';
export {
  CHECKPOINT_FORMAT,
  CheckpointFile,
  type CopyCheckpoint,
  type CopyIdentity,
} from './transfer/transfer-checkpoint.js';
export { cosineSimilarity } from './vector-math/cosine.js';
export { type KernelHit, ScoreHeap, type TieOrder } from './vector-math/score-heap.js';
export { TopItems } from './vector-math/top-items.js';
