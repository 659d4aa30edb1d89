import { expectAlmaError } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import type { LessonLineage } from '../../lesson-lineage.js';
import type { EngineSpecContext } from '../engine-spec-context.js';

/** A lesson's lineage: the outcomes it was learnt from, and those that counted toward it since. */
export function lineageSpec(context: EngineSpecContext): void {
  describe('lesson lineage', () => {
    it('traces a heuristic and an anti-pattern to the outcomes that made and counted them', async () => {
      const { alma, clock } = await context.open();
      const learn = async (success: boolean, strategyUsed: string) => {
        clock.advance(60_000);
        return alma.learn({
          agent: 'coder',
          taskType: 'deploy',
          taskDescription: 'deploy the api',
          success,
          strategyUsed,
        });
      };
      const learnt = [];
      for (let i = 0; i < 3; i++) learnt.push(await learn(true, 'blue green switch'));
      learnt.push(await learn(false, 'blue green switch'));
      const heuristic = learnt[2]!.heuristic!.record;
      expect(learnt[3]!.heuristic?.action).toBe('weakened');
      const { lesson, outcomes } = await alma.lineage('heuristic', heuristic.id);
      expect(lesson.id).toBe(heuristic.id);
      // Newest first: the weakening failure, the creating success, and the evidence before it.
      expect(outcomes.map((o) => o.id)).toEqual(learnt.map((l) => l.outcome.id).reverse());
      expect(outcomes[0]?.metadata).toMatchObject({ heuristicId: heuristic.id });
      expect(outcomes[1]?.metadata).toMatchObject({ heuristicId: heuristic.id });

      const failures = [
        await learn(false, 'push straight to prod'),
        await learn(false, 'push straight to prod'),
      ];
      const antiPattern = failures[1]!.antiPattern!.record;
      const traced = await alma.lineage('antiPattern', antiPattern.id);
      expect(traced.outcomes.map((o) => o.id)).toContain(failures[1]!.outcome.id);
      expect(traced.outcomes[0]?.metadata).toMatchObject({ antiPatternId: antiPattern.id });
      await expectAlmaError(alma.lineage('heuristic', antiPattern.id), 'NOT_FOUND');
    });

    it('pages the lineage of a lesson counted many times, newest first, the evidence closing it', async () => {
      const { alma, clock } = await context.open();
      const learn = async (success: boolean) => {
        clock.advance(60_000);
        return alma.learn({
          agent: 'coder',
          taskType: 'release',
          taskDescription: 'cut the release',
          success,
          strategyUsed: 'tag then push',
        });
      };
      const learnt = [];
      for (let i = 0; i < 7; i++) learnt.push(await learn(i % 3 !== 2));
      const heuristicId = learnt.find((l) => l.heuristic)!.heuristic!.record.id;
      const whole = await alma.lineage('heuristic', heuristicId);
      expect(whole.nextCursor).toBeNull();
      expect(whole.outcomes.map((o) => o.id)).toEqual(learnt.map((l) => l.outcome.id).reverse());

      const pages = [];
      let cursor: string | null = null;
      do {
        const page: LessonLineage<'heuristic'> = await alma.lineage('heuristic', heuristicId, {
          limit: 2,
          ...(cursor === null ? {} : { cursor }),
        });
        pages.push(page.outcomes.map((o) => o.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      // The outcomes that name it, two at a time; the evidence from before it closes the last page.
      expect(pages.flat()).toEqual(whole.outcomes.map((o) => o.id));
      expect(pages.slice(0, -1).every((ids) => ids.length === 2)).toBe(true);
      await expectAlmaError(alma.lineage('heuristic', heuristicId, { limit: 0 }), 'VALIDATION');
      await expectAlmaError(alma.lineage('heuristic', heuristicId, { cursor: 'not a cursor' }), 'VALIDATION');
    });
  });
}
