import { describe, expect, it } from 'vitest';
import { allOf, DAY_MS, learnPattern, STRATEGIES } from '../engine-fixtures.js';
import type { EngineSpecContext } from '../engine-spec-context.js';

const refactor = { agent: 'coder', taskType: 'refactor', taskDescription: 'refactor the billing module' };

export function reinforcementSpec(context: EngineSpecContext): void {
  describe('reinforcement', () => {
    it('adds later outcomes to the heuristic: successes reinforce, failures weaken', async () => {
      const { alma, clock } = await context.open();
      await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'SSS');
      const created = clock.now();
      clock.advance(2 * DAY_MS);
      const success = await alma.learn({
        ...refactor,
        success: true,
        strategyUsed: STRATEGIES.smallSteps[1],
      });
      expect(success.heuristic?.action).toBe('reinforced');
      expect(success.heuristic?.record).toMatchObject({
        occurrenceCount: 4,
        successCount: 4,
        confidence: 1,
        lastValidated: clock.now(),
        updatedAt: clock.now(),
      });
      const validated = clock.now();
      clock.advance(DAY_MS);
      const failure = await alma.learn({
        ...refactor,
        success: false,
        strategyUsed: STRATEGIES.smallSteps[0],
        errorMessage: 'flaky test',
      });
      expect(failure.heuristic?.action).toBe('weakened');
      expect(failure.heuristic?.record).toMatchObject({
        occurrenceCount: 5,
        successCount: 4,
        confidence: 0.8,
        lastValidated: validated,
      });
      const [stored] = await allOf(alma, 'heuristic');
      expect(stored).toEqual(failure.heuristic?.record);
      expect(stored!.createdAt).toEqual(created);
    });

    it('never creates a duplicate when the same lesson is learnt again and again', async () => {
      const { alma } = await context.open();
      await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'SSSSSSSSSS');
      await learnPattern(alma, refactor, [STRATEGIES.smallSteps[2]], 'SS');
      const heuristics = await allOf(alma, 'heuristic');
      expect(heuristics).toHaveLength(1);
      expect(heuristics[0]).toMatchObject({ occurrenceCount: 12, successCount: 12 });
    });

    it('creates one heuristic and loses no count when the same lesson is learnt concurrently', async () => {
      const { alma } = await context.open();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          alma.learn({ ...refactor, success: i !== 5, strategyUsed: STRATEGIES.smallSteps[i % 3]! }),
        ),
      );
      const heuristics = await allOf(alma, 'heuristic');
      expect(heuristics).toHaveLength(1);
      expect(heuristics[0]).toMatchObject({ occurrenceCount: 12, successCount: 11 });
      expect(heuristics[0]!.confidence).toBeCloseTo(11 / 12, 12);
      expect(results.filter((r) => r.heuristic?.action === 'created')).toHaveLength(1);
    });

    it('keeps separate heuristics for different strategies of one task type', async () => {
      const { alma } = await context.open();
      await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'SSS');
      await learnPattern(alma, refactor, STRATEGIES.canary, 'SSS');
      await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'S');
      const heuristics = await allOf(alma, 'heuristic');
      expect(heuristics.map((h) => h.occurrenceCount).sort()).toEqual([3, 4]);
    });
  });
}
