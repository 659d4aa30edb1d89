import { itNeeding, PROJECT } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { Alma } from '../../alma.js';
import { PENDING_OUTCOME } from '../../interrupted-learn.js';
import type { LearnResult } from '../../outcome-learning.js';
import { type CrashingAdapter, crashingAdapter } from '../crash-points.js';
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
  describe('learning under concurrency and crashes', () => {
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

    it('settles a learn killed midway: undone if its outcome was never written, kept if it was', async () => {
      let crashing: CrashingAdapter | undefined;
      const { alma, store, embedder, clock } = await context.open({
        wrap: (adapter) => {
          crashing = crashingAdapter(adapter);
          return crashing.adapter;
        },
      });
      // A fresh engine, as a restarted process would build: it knows nothing of the crashed call.
      const restarted = () =>
        new Alma({
          store,
          embedder,
          clock: clock.now,
          config: { projectId: PROJECT, agents: DEFAULT_AGENTS },
        });
      const counts = async (taskType: string) => {
        const outcomes = await store.outcomes.count({ projectId: PROJECT, taskType } as never);
        const { items } = await store.heuristics.find({ where: { projectId: PROJECT, agent: 'coder' } });
        const lesson = items.find((item) => item.metadata.taskType === taskType);
        return { outcomes, lesson };
      };
      for (let i = 0; i < 3; i++) await alma.learn(OUTCOME);
      crashing!.arm('beforeOutcome');
      await expect(alma.learn(OUTCOME)).rejects.toThrow('simulated crash');
      await restarted().learn(OUTCOME);
      let state = await counts(OUTCOME.taskType);
      expect(state.outcomes).toBe(4);
      expect(state.lesson).toMatchObject({ occurrenceCount: 4, successCount: 4 });
      expect(state.lesson?.metadata).not.toHaveProperty(PENDING_OUTCOME);

      crashing!.arm('afterOutcome');
      await expect(alma.learn(OUTCOME)).rejects.toThrow('simulated crash');
      await restarted().learn(OUTCOME);
      state = await counts(OUTCOME.taskType);
      expect(state.outcomes).toBe(6);
      expect(state.lesson).toMatchObject({ occurrenceCount: 6, successCount: 6 });
      expect(state.lesson?.metadata).not.toHaveProperty(PENDING_OUTCOME);

      // Killed while creating the lesson: the lesson goes, and the next learn creates it again.
      const review = { ...OUTCOME, taskType: 'review' };
      await alma.learn(review);
      await alma.learn(review);
      crashing!.arm('beforeOutcome');
      await expect(alma.learn(review)).rejects.toThrow('simulated crash');
      const created = await restarted().learn(review);
      expect(created.heuristic?.action).toBe('created');
      state = await counts('review');
      expect(state.outcomes).toBe(3);
      expect(state.lesson).toMatchObject({ occurrenceCount: 3, successCount: 3 });
    });
  });
}
