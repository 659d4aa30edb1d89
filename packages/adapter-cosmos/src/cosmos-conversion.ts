import {
  decodeEmbedding,
  decodeRecord,
  encodeEmbedding,
  type FieldType,
  fieldsOf,
  type Kind,
  type MemoryRecord,
  type Scalar,
  ValidationError,
} from '@alma/core';
import { type CosmosDocument, type DocumentUpgrade, upgradeDocument } from './schema/cosmos-schema.js';

/** Cosmos DB refuses documents over 2 MB; the service adds its system properties on top of ours. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
const SYSTEM_PROPERTY_BYTES = 1024;

/**
 * How a store keeps embeddings, fixed when it is created: 'array' of numbers where the containers
 * have a vector index (VectorDistance reads arrays; float32 values survive the JSON double round trip
 * exactly), else 'base64' float32 as in exports: a quarter of the bytes, so a quarter of the request
 * units to write and to scan.
 */
export type EmbeddingFormat = 'array' | 'base64';

/**
 * A field value as a document holds it: timestamps as ISO-8601 strings with milliseconds (fixed
 * width for years 1-9999, so string order is time order in ORDER BY and range filters), embeddings
 * in the store's format, the rest as is.
 */
export function encodeField(type: FieldType, value: unknown, embeddings: EmbeddingFormat): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'instant') return (value as Date).toISOString();
  if (type === 'vector') {
    return embeddings === 'array'
      ? Array.from(value as Float32Array)
      : encodeEmbedding(value as Float32Array);
  }
  return value;
}

/** A stored embedding in either format as a vector. */
export function storedEmbedding(value: string | readonly number[]): Float32Array {
  return typeof value === 'string' ? decodeEmbedding(value) : Float32Array.from(value);
}

/** A filter or cursor value as a query parameter. */
export function encodeScalar(value: Scalar): string | number | boolean {
  return value instanceof Date ? value.toISOString() : value;
}

/** The document stored for a record: every field (absent optional ones as null) and its layout version. */
export function toDocument<K extends Kind>(
  kind: K,
  record: MemoryRecord<K>,
  version: number,
  embeddings: EmbeddingFormat,
): CosmosDocument {
  const source = record as Record<string, unknown>;
  const document: CosmosDocument = {};
  for (const [name, spec] of Object.entries(fieldsOf(kind))) {
    document[name] = encodeField(spec.type, source[name], embeddings);
  }
  document.schemaVersion = version;
  return document;
}

/**
 * The canonical record of a stored document: older layouts are upgraded first, then the core decodes
 * and validates it, so a document another tool damaged is a CorruptDataError, never a wrong record.
 */
export function fromDocument<K extends Kind>(
  kind: K,
  document: CosmosDocument,
  upgrades: readonly DocumentUpgrade[],
): MemoryRecord<K> {
  const { schemaVersion: _, ...fields } = withoutSystemProperties(upgradeDocument(kind, document, upgrades));
  return decodeRecord(kind, fields);
}

/** Our fields only: Cosmos's own properties (_rid, _etag, _ts, …) all start with an underscore. */
export function withoutSystemProperties(document: CosmosDocument): CosmosDocument {
  return Object.fromEntries(Object.entries(document).filter(([name]) => !name.startsWith('_')));
}

/** Rejects, before anything is sent, a document the service would refuse with 413. */
export function assertDocumentSize(document: CosmosDocument): void {
  const bytes = Buffer.byteLength(JSON.stringify(document));
  if (bytes > MAX_DOCUMENT_BYTES - SYSTEM_PROPERTY_BYTES) {
    throw new ValidationError(
      `document ${String(document.id)} would be ${bytes} bytes; Cosmos DB stores at most 2 MB per document`,
      { details: { id: document.id, bytes, limit: MAX_DOCUMENT_BYTES - SYSTEM_PROPERTY_BYTES } },
    );
  }
}
