import { expectAlmaError } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
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
  });
}
