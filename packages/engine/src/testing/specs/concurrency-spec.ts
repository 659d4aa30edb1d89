import { itNeeding, PROJECT } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { Alma } from '../../alma.js';
import type { LearnResult } from '../../outcome-learning.js';
import { DEFAULT_AGENTS, type EngineSpecContext } from '../engine-spec-context.js';

const LEARNS = 32;
const OUTCOME = {
  agent: 'coder',
  taskType: 'deploy',
  taskDescription: 'deploy the payments api',
  success: true,
  strategyUsed: 'blue-green release behind a health check',
} as const;

/** Every learn counted once: one heuristic, counting every outcome, created by exactly one learn. */
async function expectExactLesson(alma: Alma, results: readonly LearnResult[]): Promise<void> {
  const { items } = await alma.store.heuristics.find({ where: { projectId: PROJECT, agent: 'coder' } });
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ occurrenceCount: LEARNS, successCount: LEARNS, confidence: 1 });
  expect(results.filter((result) => result.heuristic?.action === 'created')).toHaveLength(1);
  expect(await alma.store.outcomes.count({ projectId: PROJECT })).toBe(LEARNS);
}

/** Learning is exact whatever runs beside it: other engines over the store, other processes. */
export function concurrencySpec(context: EngineSpecContext): void {
  describe('learning under concurrency', () => {
    it(`${LEARNS} identical learns at once, while engines are rebuilt for new agents, count ${LEARNS}`, async () => {
      const { alma, store, embedder, clock } = await context.open();
      // As the server does when a request names a new agent: a new engine over the same store.
      const rebuilt = (i: number) =>
        new Alma({
          store,
          embedder,
          clock: clock.now,
          config: { projectId: PROJECT, agents: { ...DEFAULT_AGENTS, [`agent-${i}`]: {} } },
        });
      const results = await Promise.all(
        Array.from({ length: LEARNS }, (_, i) => (i % 3 === 0 ? alma : rebuilt(i)).learn(OUTCOME)),
      );
      await expectExactLesson(alma, results);
    });

    itNeeding(context.harness.capabilities, { multiProcess: true })(
      `${LEARNS} identical learns at once from two processes count ${LEARNS}`,
      async () => {
        const opened = await context.open();
        const second = await opened.another();
        const results = await Promise.all(
          Array.from({ length: LEARNS }, (_, i) => (i % 2 === 0 ? opened.alma : second).learn(OUTCOME)),
        );
        await expectExactLesson(opened.alma, results);
      },
      120_000,
    );
  });
}
