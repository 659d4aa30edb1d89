import { embeddingText, encodeRecord, type Kind, type MemoryRecord } from '@alma/core';

/** A record as `get` prints it: one `field: value` line each, the embedding summarised. */
export function recordText<K extends Kind>(kind: K, record: MemoryRecord<K>): string {
  const encoded = encodeRecord(kind, record);
  const lines = Object.entries(encoded).map(([field, value]) => {
    if (field === 'embedding')
      return `embedding: ${record.embedding ? `${record.embedding.length} floats` : 'none'}`;
    return `${field}: ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`;
  });
  return `${lines.join('\n')}\n`;
}

/** One line per record for `list`: id, creation time, and what the memory says. */
export function recordLineText<K extends Kind>(kind: K, record: MemoryRecord<K>): string {
  const summary = embeddingText(kind, record as never).replaceAll('\n', ' — ');
  const marker =
    kind === 'outcome' ? ((record as MemoryRecord<'outcome'>).success ? 'worked  ' : 'FAILED  ') : '';
  return `${record.id}  ${record.createdAt.toISOString()}  ${marker}${summary}`;
}

/** A record in `--json` output: the export format's encoding (ISO timestamps, base64 float32 embedding). */
export function recordJson<K extends Kind>(kind: K, record: MemoryRecord<K>): Record<string, unknown> {
  return encodeRecord(kind, record);
}
