import { KINDS } from '@alma/core';
import type { Database } from '@azure/cosmos';
import { guard, statusOf } from '../cosmos-errors.js';
import { kindContainerDefinition, type SearchFeatures } from './cosmos-containers.js';

/** Where the store's containers stand, as settings are applied. */
export interface ContainerLayout {
  readonly database: Database;
  readonly dimension: number;
  readonly features: SearchFeatures;
  readonly language: string;
}

/**
 * Creates the five kind containers with the current settings, all at once: each is a control-plane
 * request a real account takes a while to answer. Existing ones are left as they are.
 */
export async function createKindContainers(layout: ContainerLayout): Promise<void> {
  await Promise.all(
    KINDS.map((kind) => {
      const definition = kindContainerDefinition(kind, layout.dimension, layout.features, layout.language);
      return guard(`creating container ${definition.id}`, () =>
        layout.database.containers.createIfNotExists(definition),
      );
    }),
  );
}

/**
 * Brings existing containers to the current settings: the indexing policy is replaced online (Cosmos
 * re-indexes in the background); partition key and vector policy are immutable and stay as created.
 */
export async function reapplyContainerSettings(layout: ContainerLayout): Promise<void> {
  await Promise.all(
    KINDS.map((kind) => {
      const definition = kindContainerDefinition(kind, layout.dimension, layout.features, layout.language);
      const container = layout.database.container(definition.id ?? '');
      return guard(`updating the settings of ${definition.id}`, async () => {
        // A container a later release added (the workflow layer's) does not exist yet: create it.
        const resource = await container.read().then(
          (read) => read.resource,
          (error: unknown) => {
            if (statusOf(error) === 404) return undefined;
            throw error;
          },
        );
        if (resource === undefined) await layout.database.containers.createIfNotExists(definition);
        else await container.replace({ ...resource, indexingPolicy: definition.indexingPolicy ?? {} });
      });
    }),
  );
}
