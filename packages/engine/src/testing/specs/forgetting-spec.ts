import { expectAlmaError, PROJECT } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { allOf, DAY_MS } from '../engine-fixtures.js';
import type { EngineSpecContext, OpenedEngine } from '../engine-spec-context.js';

/** Memories of known ages and confidences, written straight to the store. */
async function seedAges({ store, clock }: OpenedEngine) {
  const now = clock.now().getTime();
  const ago = (days: number) => new Date(now - days * DAY_MS);
  const base = { projectId: PROJECT };
  await store.outcomes.putMany(
    [10, 29, 31, 90].flatMap((days) =>
      ['coder', 'ops'].map((agent) => ({
        ...base,
        agent,
        taskType: 'refactor',
        taskDescription: `${days} days ago`,
        success: true,
        strategyUsed: 'small steps',
        timestamp: ago(days),
      })),
    ),
  );
  await store.heuristics.putMany(
    [0.1, 0.29, 0.3, 0.9].map((confidence) => ({
      ...base,
      agent: 'coder',
      condition: 'c',
      strategy: `confidence ${confidence}`,
      confidence,
    })),
  );
  await store.domainKnowledge.putMany(
    [5, 61].map((days) => ({
      ...base,
      agent: 'coder',
      domain: 'd',
      fact: `${days}`,
      source: 's',
      lastVerified: ago(days),
    })),
  );
  await store.antiPatterns.putMany(
    [1, 100, 200].map((days) => ({
      ...base,
      agent: 'ops',
      pattern: `${days}`,
      whyBad: 'w',
      betterAlternative: 'b',
      lastSeen: ago(days),
    })),
  );
}

export function forgettingSpec(context: EngineSpecContext): void {
  describe('forgetting', () => {
    it('deletes what each rule names and counts every deletion', async () => {
      const opened = await context.open();
      await seedAges(opened);
      const { alma } = opened;
      const policy = {
        outcomesOlderThanDays: 30,
        heuristicsBelowConfidence: 0.3,
        knowledgeUnverifiedForDays: 60,
        antiPatternsUnseenForDays: 90,
      };
      const counts = { outcomes: 4, heuristics: 2, domainKnowledge: 1, antiPatterns: 2, total: 9 };
      // A dry run counts exactly what the policy would delete, and deletes nothing.
      const before = await alma.stats();
      expect(await alma.forget({ ...policy, dryRun: true })).toEqual({ dryRun: true, ...counts });
      expect(await alma.stats()).toEqual(before);
      const report = await alma.forget(policy);
      expect(report).toEqual({ dryRun: false, ...counts });
      expect((await allOf(alma, 'outcome')).map((o) => o.taskDescription).sort()).toEqual([
        '10 days ago',
        '10 days ago',
        '29 days ago',
        '29 days ago',
      ]);
      expect((await allOf(alma, 'heuristic')).map((h) => h.confidence).sort()).toEqual([0.3, 0.9]);
      expect((await allOf(alma, 'domainKnowledge')).map((d) => d.fact)).toEqual(['5']);
      expect((await allOf(alma, 'antiPattern')).map((a) => a.pattern)).toEqual(['1']);
      expect(await alma.forget({ outcomesOlderThanDays: 30, antiPatternsUnseenForDays: 90 })).toEqual({
        dryRun: false,
        outcomes: 0,
        heuristics: 0,
        domainKnowledge: 0,
        antiPatterns: 0,
        total: 0,
      });
    });

    it("forgets only one agent's memories when asked to", async () => {
      const opened = await context.open();
      await seedAges(opened);
      const report = await opened.alma.forget({
        agent: 'ops',
        outcomesOlderThanDays: 30,
        heuristicsBelowConfidence: 0.5,
      });
      expect(report).toMatchObject({ outcomes: 2, heuristics: 0, total: 2 });
      expect((await allOf(opened.alma, 'outcome')).filter((o) => o.agent === 'coder')).toHaveLength(4);
    });

    it('leaves out rules not given, and refuses a policy with none', async () => {
      const opened = await context.open();
      await seedAges(opened);
      expect(await opened.alma.forget({ heuristicsBelowConfidence: 0.2 })).toMatchObject({
        heuristics: 1,
        total: 1,
      });
      await expectAlmaError(opened.alma.forget({}), 'VALIDATION');
      await expectAlmaError(opened.alma.forget({ outcomesOlderThanDays: -1 }), 'VALIDATION');
    });
  });
}
