import { embeddingTextOfRecord, encodeRecord, type Kind, type MemoryRecord } from '@alma/core';

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
  const summary = summaryOf(kind, record).replaceAll('\n', ' — ');
  const marker =
    kind === 'outcome' ? ((record as MemoryRecord<'outcome'>).success ? 'worked  ' : 'FAILED  ') : '';
  return `${record.id}  ${record.createdAt.toISOString()}  ${marker}${summary}`;
}

/** A record in `--json` output: the export format's encoding (ISO timestamps, base64 float32 embedding). */
export function recordJson<K extends Kind>(kind: K, record: MemoryRecord<K>): Record<string, unknown> {
  return encodeRecord(kind, record);
}

/** What a record says in one line: its embedding text, or for a kind found by id, what identifies it. */
export function summaryOf<K extends Kind>(kind: K, record: MemoryRecord<K>): string {
  if (kind === 'checkpoint') {
    const c = record as MemoryRecord<'checkpoint'>;
    return `run ${c.runId} #${c.sequenceNumber} node ${c.nodeId}${c.branchId ? ` branch ${c.branchId}` : ''}`;
  }
  if (kind === 'artifactLink') {
    const a = record as MemoryRecord<'artifactLink'>;
    return `${a.artifactType} of ${a.memoryId}: ${a.storageUrl}`;
  }
  return embeddingTextOfRecord(kind, record) ?? '';
}

/** A page as `list` prints it: one line per record, then how to ask for the next page. */
export function pageText(lines: readonly string[], nextCursor: string | null): string {
  return [...lines, ...(nextCursor ? [`more: --cursor ${nextCursor}`] : []), ''].join('\n');
}
