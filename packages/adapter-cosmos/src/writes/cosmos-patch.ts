import { checkedCounter, fieldsOf, type Kind, MAX_COUNTER } from '@alma/core';
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
      next[name] = checkedCounter(name, (next[name] as number | null) ?? 0, operation.value as number);
  }
  return next;
}

/**
 * The condition a patch with increments carries, so the range check and the write are one request:
 * every counter stays from 0 to 2^53 − 1 after its delta. Deltas are safe integers the core checked,
 * written as literals; field names come from the kind's own table.
 */
export function countersInRange(deltas: Readonly<Record<string, number>>): string | undefined {
  // Bounds on the stored value rather than on a sum: a sum past 2^53 is rounded in double
  // arithmetic, and MAX + 1 compared with MAX the way a stand-in (or a service) rounds it.
  const clauses = Object.entries(deltas).flatMap(([name, delta]) => {
    const field = `c.${fieldName(name)}`;
    if (delta < 0) return [`${field} >= ${-delta}`];
    if (delta > 0) return [`${field} <= ${MAX_COUNTER - delta}`];
    return [];
  });
  return clauses.length === 0 ? undefined : `FROM c WHERE ${clauses.join(' AND ')}`;
}

/** Names the counter an increment refused by its condition would have taken out of range. */
export function explainRefusedIncrement(
  document: CosmosDocument,
  deltas: Readonly<Record<string, number>>,
): void {
  for (const [name, delta] of Object.entries(deltas)) {
    checkedCounter(name, (document[fieldName(name)] as number | null) ?? 0, delta);
  }
}
