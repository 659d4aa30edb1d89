import { fieldsOf, type Kind } from '@alma/core';
import type { PatchOperation } from '@azure/cosmos';
import { type EmbeddingFormat, encodeField } from '../cosmos-conversion.js';
import { fieldName } from '../queries/cosmos-filter.js';
import type { CosmosDocument } from '../schema/cosmos-schema.js';

/** Cosmos DB applies at most ten operations in one patch request. */
export const MAX_PATCH_OPERATIONS = 10;

/** The patch of an update or increment: `set` for each changed field, `incr` for each counter. */
export function patchOperations(
  kind: Kind,
  changes: Readonly<Record<string, unknown>>,
  deltas: Readonly<Record<string, number>>,
  embeddings: EmbeddingFormat,
): PatchOperation[] {
  const fields = fieldsOf(kind);
  const path = (name: string) => `/${fieldName(name)}`;
  return [
    ...Object.entries(changes).map(
      ([name, value]): PatchOperation => ({
        op: 'set',
        path: path(name),
        value: encodeField(fields[name]?.type ?? 'json', value, embeddings),
      }),
    ),
    ...Object.entries(deltas).map(
      ([name, value]): PatchOperation => ({ op: 'incr', path: path(name), value }),
    ),
  ];
}

/**
 * The same operations applied here, for the one case Cosmos cannot take in a single patch (more than
 * ten of them): the caller writes the result back conditionally on the ETag it read.
 */
export function applyPatchOperations(
  document: CosmosDocument,
  operations: readonly PatchOperation[],
): CosmosDocument {
  const next: CosmosDocument = { ...document };
  for (const operation of operations) {
    const name = operation.path.slice(1);
    if (operation.op === 'set') next[name] = operation.value;
    else if (operation.op === 'incr')
      next[name] = ((next[name] as number | null) ?? 0) + (operation.value as number);
  }
  return next;
}
