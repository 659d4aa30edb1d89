import { encodeRecord, type Kind, type MemoryRecord } from '@alma/core';

/**
 * A record as the API returns it: the export format's encoding (ISO timestamps) without the
 * embedding, which is the server's business and would be most of the bytes.
 */
export function recordJson<K extends Kind>(kind: K, record: MemoryRecord<K>): Record<string, unknown> {
  const { embedding: _, ...fields } = encodeRecord(kind, record);
  return fields;
}
