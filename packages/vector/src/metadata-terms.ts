import { METADATA_KEY_PATTERN, type MetadataValue } from '@alma/core';

/**
 * Metadata key equality as set membership: each top-level scalar entry becomes one term
 * `key<US><tag><value>`, where the tag keeps 1, '1' and true apart (core compares with ===). Keys
 * are plain identifiers, so they never hold the separator and the encoding is one-to-one. Nested
 * values are left out: no equality clause on a scalar can match them.
 */
const SEPARATOR = '\u001f';

/** The term a `metadata: { key: value }` clause looks for. */
export function metadataTerm(key: string, value: MetadataValue): string {
  const tag = typeof value === 'string' ? 's' : typeof value === 'number' ? 'n' : 'b';
  // String(-0) is '0', as JSON keeps it: metadata is stored through JSON on every backend.
  return `${key}${SEPARATOR}${tag}${String(value)}`;
}

/** The terms of a record's metadata: one per top-level entry a key-equality clause could match. */
export function metadataTerms(metadata: Readonly<Record<string, unknown>> | undefined): string[] {
  if (!metadata) return [];
  const terms: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (!METADATA_KEY_PATTERN.test(key)) continue;
    if (typeof value === 'string' && !value.includes('\u0000')) terms.push(metadataTerm(key, value));
    else if (typeof value === 'boolean') terms.push(metadataTerm(key, value));
    else if (typeof value === 'number' && Number.isFinite(value)) terms.push(metadataTerm(key, value));
  }
  return terms;
}
