/** Longest short identifier (agent, user, category, task type, source). */
export const MAX_KEY_LENGTH = 256;
/** Longest free text in one field; keeps every record far below Cosmos DB's 2 MB document limit. */
export const MAX_TEXT_LENGTH = 32_768;
/** Largest metadata object, measured as UTF-8 JSON. */
export const MAX_METADATA_BYTES = 65_536;
/** Largest embedding dimension any backend here indexes (pgvector HNSW stops at 2,000). */
export const MAX_DIMENSION = 2_000;
/** Project ids become partition keys and file-safe names, so they keep to a portable alphabet. */
export const PROJECT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;
/** Timestamps every backend stores exactly: years 1 to 9999, millisecond precision. */
export const MIN_INSTANT = new Date('0001-01-01T00:00:00.000Z').getTime();
export const MAX_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Deepest metadata nesting: deeper JSON breaks SQL JSON paths and overflows recursive parsers. */
export const MAX_METADATA_DEPTH = 32;
/** Longest searchable word in UTF-8 bytes: PostgreSQL's tsvector drops longer ones, so every backend does. */
export const MAX_WORD_BYTES = 2_000;
/** Items in a list field (a workflow's strategies or patterns). */
export const MAX_LIST_LENGTH = 256;
/** Bytes of JSON in a workflow checkpoint's state. */
export const MAX_STATE_BYTES = 1_048_576;
/**
 * Bytes of JSON in an archived record: room for any record of any memory kind, its texts at their
 * longest and escaped, metadata included (and within a Cosmos DB document's 2 MB).
 */
export const MAX_ARCHIVED_RECORD_BYTES = 1_048_576;
