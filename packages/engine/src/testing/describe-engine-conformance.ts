import type { ConformanceHarness } from '@alma/core/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { createEngineSpecContext, type EngineSpecContext } from './engine-spec-context.js';
import { antiPatternSpec } from './specs/anti-pattern-spec.js';
import { concurrencySpec } from './specs/concurrency-spec.js';
import { decaySpec } from './specs/decay-spec.js';
import { forgettingSpec } from './specs/forgetting-spec.js';
import { knowledgeSpec } from './specs/knowledge-spec.js';
import { learningThresholdSpec } from './specs/learning-threshold-spec.js';
import { lineageSpec } from './specs/lineage-spec.js';
import { modesSpec } from './specs/modes-spec.js';
import { reinforcementSpec } from './specs/reinforcement-spec.js';
import { scenarioSpec } from './specs/scenario-spec.js';
import { scopesSpec } from './specs/scopes-spec.js';
import { scoringSpec } from './specs/scoring-spec.js';
import { workflowSpec } from './specs/workflow-spec.js';

/** Every behaviour of the engine, in the order a reader would check them. */
export const ENGINE_SPECS: readonly ((context: EngineSpecContext) => void)[] = [
  learningThresholdSpec,
  reinforcementSpec,
  antiPatternSpec,
  scoringSpec,
  modesSpec,
  scopesSpec,
  forgettingSpec,
  decaySpec,
  knowledgeSpec,
  scenarioSpec,
  concurrencySpec,
  workflowSpec,
  lineageSpec,
];

/**
 * Registers the engine's behaviour suite for one backend: the same outcomes must teach the same
 * lessons and the same tasks retrieve the same slices on every store. Call it from a test file of
 * the adapter's package: `describeEngineConformance(harness)`.
 */
export function describeEngineConformance(harness: ConformanceHarness): void {
  describe(`engine behaviour: ${harness.name}`, () => {
    if (harness.setup) beforeAll(() => harness.setup?.());
    if (harness.teardown) afterAll(() => harness.teardown?.());
    const context = createEngineSpecContext(harness);
    for (const spec of ENGINE_SPECS) spec(context);
  });
}
