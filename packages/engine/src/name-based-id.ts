import { createHash } from 'node:crypto';

/**
 * A name-based UUID (version 8, SHA-256, RFC 9562 §B.2): the same parts always give the same id, so
 * two writers creating the same record (a lesson, an archive entry) upsert one record instead of
 * inserting two, even across processes.
 */
export function nameBasedId(parts: readonly string[]): string {
  const bytes = createHash('sha256').update(parts.join('\u0000'), 'utf8').digest().subarray(0, 16);
  bytes[6] = 0x80 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
