import { METADATA_KEY_PATTERN, ValidationError } from '@alma/core';

/**
 * A metadata key to write into SQL text, where an expression index can match it (a bound
 * parameter cannot). The filter parser admits only plain identifiers; this checks again, because
 * the key is written into the statement rather than bound.
 */
export function metadataKeyLiteral(key: string): string {
  if (!METADATA_KEY_PATTERN.test(key))
    throw new ValidationError(`metadata key '${key}' is not a plain identifier`);
  return key;
}
