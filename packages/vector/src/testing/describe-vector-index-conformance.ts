import { afterAll, beforeAll, describe } from 'vitest';
import { vectorAnnSpec } from './specs/vector-ann-spec.js';
import { vectorCountSpec } from './specs/vector-count-spec.js';
import { vectorDeleteSpec } from './specs/vector-delete-spec.js';
import { vectorFilterSpec } from './specs/vector-filter-spec.js';
import { vectorOptimizeSpec } from './specs/vector-optimize-spec.js';
import { vectorPersistenceSpec } from './specs/vector-persistence-spec.js';
import { vectorRebuildSpec } from './specs/vector-rebuild-spec.js';
import { vectorSearchSpec } from './specs/vector-search-spec.js';
import { vectorUpsertSpec } from './specs/vector-upsert-spec.js';
import { vectorValidationSpec } from './specs/vector-validation-spec.js';
import type { VectorIndexHarness } from './vector-index-harness.js';
import { createVectorSpecContext, type VectorSpecContext } from './vector-spec-context.js';

/** Every spec of the vector index contract, in the order a reader would check them. */
export const VECTOR_INDEX_SPECS: readonly ((context: VectorSpecContext) => void)[] = [
  vectorUpsertSpec,
  vectorDeleteSpec,
  vectorSearchSpec,
  vectorFilterSpec,
  vectorCountSpec,
  vectorAnnSpec,
  vectorOptimizeSpec,
  vectorRebuildSpec,
  vectorValidationSpec,
  vectorPersistenceSpec,
];

/**
 * Registers the whole vector index conformance suite for one implementation. Call it from a test
 * file: `describeVectorIndexConformance(harness)`.
 */
export function describeVectorIndexConformance(harness: VectorIndexHarness): void {
  describe(`vector index conformance: ${harness.name}`, () => {
    if (harness.setup) beforeAll(() => harness.setup?.());
    if (harness.teardown) afterAll(() => harness.teardown?.());
    const context = createVectorSpecContext(harness);
    for (const spec of VECTOR_INDEX_SPECS) spec(context);
  });
}
