import { describe, expect, it } from 'vitest';
import { allOf, DAY_MS, learnPattern, STRATEGIES } from '../engine-fixtures.js';
import type { EngineSpecContext } from '../engine-spec-context.js';

const deploy = { agent: 'ops', taskType: 'deploy', taskDescription: 'deploy the api service' };

export function antiPatternSpec(context: EngineSpecContext): void {
  describe('anti-patterns', () => {
    it('are created by the second similar failure and reinforced by later ones', async () => {
      const { alma, clock } = await context.open();
      const first = await alma.learn({
        ...deploy,
        success: false,
        strategyUsed: STRATEGIES.restartAll[0],
        errorMessage: 'all servers were down at once',
      });
      expect(first.antiPattern).toBeNull();
      clock.advance(DAY_MS);
      const second = await alma.learn({
        ...deploy,
        success: false,
        strategyUsed: STRATEGIES.restartAll[1],
        errorMessage: 'outage during restart',
      });
      expect(second.antiPattern?.action).toBe('created');
      expect(second.antiPattern?.record).toMatchObject({
        agent: 'ops',
        pattern: STRATEGIES.restartAll[1],
        whyBad: 'outage during restart',
        betterAlternative: 'no proven alternative yet',
        occurrenceCount: 2,
        lastSeen: clock.now(),
        metadata: { taskType: 'deploy' },
      });
      clock.advance(DAY_MS);
      const third = await alma.learn({ ...deploy, success: false, strategyUsed: STRATEGIES.restartAll[2] });
      expect(third.antiPattern?.action).toBe('reinforced');
      expect(third.antiPattern?.record).toMatchObject({ occurrenceCount: 3, lastSeen: clock.now() });
      const antiPatterns = await allOf(alma, 'antiPattern');
      expect(antiPatterns).toHaveLength(1);
      expect(await allOf(alma, 'heuristic')).toHaveLength(0);
    });

    it("name the task type's best heuristic as the better alternative", async () => {
      const { alma } = await context.open();
      await learnPattern(alma, deploy, STRATEGIES.canary, 'SSS');
      const [, second] = await learnPattern(alma, deploy, STRATEGIES.restartAll, 'FF');
      expect(second!.antiPattern?.record.betterAlternative).toBe(STRATEGIES.canary[2]);
    });

    it('say how often the strategy failed when no error message was given', async () => {
      const { alma } = await context.open();
      await alma.learn({ ...deploy, success: false, strategyUsed: STRATEGIES.restartAll[0] });
      const second = await alma.learn({ ...deploy, success: false, strategyUsed: STRATEGIES.restartAll[0] });
      expect(second.antiPattern?.record.whyBad).toBe("failed 2 of 2 recent 'deploy' tasks");
    });

    it('do not combine failures of different strategies', async () => {
      const { alma } = await context.open();
      await learnPattern(alma, deploy, STRATEGIES.restartAll, 'F');
      const [second] = await learnPattern(alma, deploy, STRATEGIES.bigBang, 'F');
      expect(second!.antiPattern).toBeNull();
      expect(await allOf(alma, 'antiPattern')).toHaveLength(0);
    });

    it('are not created for a strategy that mostly succeeds', async () => {
      const { alma } = await context.open();
      const results = await learnPattern(alma, deploy, STRATEGIES.canary, 'SSSFF');
      expect(results.map((r) => r.antiPattern)).toEqual([null, null, null, null, null]);
      expect(results.at(-1)!.heuristic?.record).toMatchObject({ occurrenceCount: 5, successCount: 3 });
      expect(await allOf(alma, 'antiPattern')).toHaveLength(0);
    });
  });
}
