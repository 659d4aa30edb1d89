import { createHash } from 'node:crypto';
import { sortedKeys } from '@alma/core';

/**
 * SHA-256 (hex) of a state's canonical JSON: keys in code-unit order at every level, so two states
 * equal as JSON hash alike whatever order their keys were built in.
 */
export function stateHash(state: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(sortedKeys(state)), 'utf8')
    .digest('hex');
}
