import { ConflictError } from '@alma/core';
import type { Item, PatchOperation } from '@azure/cosmos';
import { withoutSystemProperties } from '../cosmos-conversion.js';
import { guard, statusOf, toAlmaError } from '../cosmos-errors.js';
import type { CosmosDocument } from '../schema/cosmos-schema.js';
import { applyPatchOperations } from './cosmos-patch.js';

const ATTEMPTS = 8;

/**
 * A patch too wide for one Cosmos patch request (more than ten operations): read, apply, and replace
 * on the condition that the ETag is still the one read (If-Match). A concurrent write makes the
 * replace fail with 412 and the whole step starts again, so nothing is lost. Two requests instead of one.
 */
export async function patchByReplace(
  item: Item,
  operations: readonly PatchOperation[],
  action: string,
): Promise<CosmosDocument | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { resource } = await guard(action, () => item.read<CosmosDocument>());
    if (resource === undefined) return null;
    const next = withoutSystemProperties(applyPatchOperations(resource, operations));
    try {
      const replaced = await item.replace<CosmosDocument>(next, {
        accessCondition: { type: 'IfMatch', condition: String(resource._etag) },
      });
      return replaced.resource ?? null;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      if (statusOf(error) !== 412) throw toAlmaError(error, action);
    }
  }
  throw new ConflictError(`${action}: the document kept changing; retry`);
}
