import { afterAll, beforeAll, describe } from 'vitest';
import type { ConformanceHarness } from './harness.js';
import { createSpecContext, type SpecContext } from './spec-context.js';
import { countSpec } from './specs/count-spec.js';
import { deleteSpec } from './specs/delete-spec.js';
import { deleteWhereSpec } from './specs/delete-where-spec.js';
import { exportSpec } from './specs/export-spec.js';
import { findDerivedOrderSpec } from './specs/find-derived-order-spec.js';
import { findSpec } from './specs/find-spec.js';
import { getSpec } from './specs/get-spec.js';
import { hostileQuerySpec } from './specs/hostile-query-spec.js';
import { incrementSpec } from './specs/increment-spec.js';
import { isolationSpec } from './specs/isolation-spec.js';
import { modelBasedSpec } from './specs/model-based-spec.js';
import { persistenceSpec } from './specs/persistence-spec.js';
import { projectsSpec } from './specs/projects-spec.js';
import { putManySpec } from './specs/put-many-spec.js';
import { putSpec } from './specs/put-spec.js';
import { scanSpec } from './specs/scan-spec.js';
import { searchSpec } from './specs/search-spec.js';
import { statsSpec } from './specs/stats-spec.js';
import { updateSpec } from './specs/update-spec.js';
import { validationSpec } from './specs/validation-spec.js';

/** Every spec of the store contract, in the order a reader would check them. */
export const STORE_SPECS: readonly ((context: SpecContext) => void)[] = [
  putSpec,
  putManySpec,
  getSpec,
  updateSpec,
  incrementSpec,
  deleteSpec,
  deleteWhereSpec,
  findSpec,
  findDerivedOrderSpec,
  countSpec,
  searchSpec,
  scanSpec,
  statsSpec,
  projectsSpec,
  validationSpec,
  hostileQuerySpec,
  isolationSpec,
  persistenceSpec,
  exportSpec,
  modelBasedSpec,
];

/**
 * Registers the whole store conformance suite for one backend. Call it from a test file of the
 * adapter's package: `describeConformance(harness)`.
 */
export function describeConformance(harness: ConformanceHarness): void {
  describe(`store conformance: ${harness.name}`, () => {
    if (harness.setup) beforeAll(() => harness.setup?.());
    if (harness.teardown) afterAll(() => harness.teardown?.());
    const context = createSpecContext(harness);
    for (const spec of STORE_SPECS) spec(context);
  });
}
