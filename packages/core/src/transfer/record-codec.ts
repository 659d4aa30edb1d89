import { CorruptDataError } from '../errors/alma-error.js';
import { fieldsOf, KIND_SCHEMAS, type Kind, type MemoryRecord } from '../model/kinds.js';

/** Float32 little-endian bytes in base64: exact, compact, and the same on every platform. */
export function encodeEmbedding(vector: Float32Array): string {
  const bytes = new DataView(new ArrayBuffer(vector.length * 4));
  for (let i = 0; i < vector.length; i++) bytes.setFloat32(i * 4, vector[i] as number, true);
  return Buffer.from(bytes.buffer).toString('base64');
}

export function decodeEmbedding(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0 || bytes.toString('base64') !== text) {
    throw new CorruptDataError('embedding is not base64 float32 data');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

/**
 * A record as plain JSON in the kind's field order: ISO timestamps, base64 embeddings. Equal records
 * always encode to the same bytes, which is what makes exports comparable across backends.
 */
export function encodeRecord<K extends Kind>(kind: K, record: MemoryRecord<K>): Record<string, unknown> {
  const source = record as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(fieldsOf(kind)).map(([name, spec]) => {
      const value = source[name];
      if (value === null || value === undefined) return [name, null];
      if (spec.type === 'instant') return [name, (value as Date).toISOString()];
      if (spec.type === 'vector') return [name, encodeEmbedding(value as Float32Array)];
      if (spec.type === 'json') return [name, sortedKeys(value)];
      return [name, value];
    }),
  );
}

/**
 * JSON with every object's keys in code-unit order. Backends keep metadata's keys in different
 * orders (PostgreSQL's jsonb sorts them its own way), so exports and content hashes sort them.
 */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** Reads an encoded record back into a canonical one; anything malformed is CorruptDataError. */
export function decodeRecord<K extends Kind>(kind: K, json: unknown): MemoryRecord<K> {
  if (typeof json !== 'object' || json === null)
    throw new CorruptDataError(`${kind} record is not an object`);
  const source = json as Record<string, unknown>;
  // A lossless format has no defaults: a missing field means a damaged line, not "use now".
  const missing = Object.keys(fieldsOf(kind)).filter((name) => !Object.hasOwn(source, name));
  if (missing.length > 0) throw new CorruptDataError(`${kind} record lacks ${missing.join(', ')}`);
  const embedding = source.embedding;
  const input = {
    ...source,
    embedding: typeof embedding === 'string' ? decodeEmbedding(embedding) : embedding,
  };
  const result = KIND_SCHEMAS[kind].safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CorruptDataError(`invalid ${kind} record: ${issue?.path.join('.')}: ${issue?.message}`, {
      cause: result.error,
    });
  }
  return result.data as MemoryRecord<K>;
}
