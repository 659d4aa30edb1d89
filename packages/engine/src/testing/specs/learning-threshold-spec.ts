import { PROJECT } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { allOf, expectStrategyFamilies, learnPattern, STRATEGIES } from '../engine-fixtures.js';
import type { EngineSpecContext } from '../engine-spec-context.js';

const refactor = { agent: 'coder', taskType: 'refactor', taskDescription: 'refactor the billing module' };

export function learningThresholdSpec(context: EngineSpecContext): void {
  describe('learning thresholds', () => {
    it('holds the premise: phrasings of a strategy are similar, different strategies are not', async () => {
      const { embedder } = await context.open();
      await expectStrategyFamilies(embedder);
    });

    it('creates a heuristic only once minOccurrences similar outcomes agree', async () => {
      const { alma, clock } = await context.open();
      const [first, second] = await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'SS');
      expect(first!.heuristic).toBeNull();
      expect(second!.heuristic).toBeNull();
      expect(await allOf(alma, 'heuristic')).toHaveLength(0);
      const [third] = await learnPattern(alma, refactor, [STRATEGIES.smallSteps[2]], 'S');
      expect(third!.heuristic?.action).toBe('created');
      expect(third!.outcome.timestamp).toEqual(clock.now());
      const [heuristic] = await allOf(alma, 'heuristic');
      expect(heuristic).toMatchObject({
        projectId: PROJECT,
        agent: 'coder',
        condition: 'task type: refactor',
        strategy: STRATEGIES.smallSteps[2],
        occurrenceCount: 3,
        successCount: 3,
        confidence: 1,
        lastValidated: clock.now(),
        metadata: { taskType: 'refactor' },
      });
      expect(heuristic!.embedding).toHaveLength(alma.embedder.dimension);
      expect(await allOf(alma, 'outcome')).toHaveLength(3);
    });

    it('needs a success rate above one half', async () => {
      const { alma } = await context.open();
      const results = await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'SFFS');
      expect(results.map((r) => r.heuristic)).toEqual([null, null, null, null]);
      const [fifth] = await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'S');
      expect(fifth!.heuristic?.action).toBe('created');
      expect(fifth!.heuristic?.record).toMatchObject({
        occurrenceCount: 5,
        successCount: 3,
        confidence: 0.6,
      });
    });

    it('counts only similar strategies of the same agent and task type', async () => {
      const { alma } = await context.open();
      await alma.learn({ ...refactor, success: true, strategyUsed: STRATEGIES.smallSteps[0] });
      await alma.learn({ ...refactor, success: true, strategyUsed: STRATEGIES.bigBang[0] });
      await alma.learn({
        ...refactor,
        taskType: 'review',
        success: true,
        strategyUsed: STRATEGIES.smallSteps[0],
      });
      await alma.learn({ ...refactor, agent: 'ops', success: true, strategyUsed: STRATEGIES.smallSteps[0] });
      const fifth = await alma.learn({ ...refactor, success: true, strategyUsed: STRATEGIES.smallSteps[1] });
      expect(fifth.heuristic).toBeNull();
      const sixth = await alma.learn({ ...refactor, success: true, strategyUsed: STRATEGIES.smallSteps[2] });
      expect(sixth.heuristic?.record).toMatchObject({ agent: 'coder', occurrenceCount: 3, successCount: 3 });
      expect(await allOf(alma, 'heuristic')).toHaveLength(1);
    });

    it("honours an agent's own minOccurrences", async () => {
      const { alma } = await context.open({ config: { agents: { coder: { minOccurrences: 2 } } } });
      const [, second] = await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'SS');
      expect(second!.heuristic?.record).toMatchObject({ occurrenceCount: 2, successCount: 2 });
    });

    it('weighs only the recentWindow latest outcomes of the task type', async () => {
      const { alma } = await context.open({ config: { learning: { recentWindow: 3 } } });
      await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'SS');
      await learnPattern(alma, refactor, STRATEGIES.bigBang, 'FF');
      const [late] = await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'S');
      expect(late!.heuristic).toBeNull();
      const [next] = await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'S');
      expect(next!.heuristic).toBeNull();
      const [third] = await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'S');
      expect(third!.heuristic?.record).toMatchObject({ occurrenceCount: 3, successCount: 3 });
    });
  });
}
