import { PROJECT } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { allOf, DAY_MS, learnPattern, STRATEGIES } from '../engine-fixtures.js';
import type { EngineSpecContext } from '../engine-spec-context.js';

const refactor = { agent: 'coder', taskType: 'refactor', taskDescription: 'refactor the billing module' };

export function decaySpec(context: EngineSpecContext): void {
  describe('confidence decay', () => {
    it('halves confidence per half-life without validation, and running it again changes nothing', async () => {
      const { alma, clock } = await context.open({ config: { decay: { heuristicHalfLifeDays: 60 } } });
      await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'SSSF');
      clock.advance(60 * DAY_MS);
      expect(await alma.decayConfidence()).toEqual({ examined: 1, updated: 1 });
      const [decayed] = await allOf(alma, 'heuristic');
      expect(decayed!.confidence).toBeCloseTo(0.75 * 0.5, 12);
      expect(await alma.decayConfidence()).toEqual({ examined: 1, updated: 0 });
      clock.advance(60 * DAY_MS);
      await alma.decayConfidence();
      expect((await allOf(alma, 'heuristic'))[0]!.confidence).toBeCloseTo(0.75 * 0.25, 12);
    });

    it('a new success validates the heuristic again and restores its confidence', async () => {
      const { alma, clock } = await context.open();
      await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'SSS');
      clock.advance(120 * DAY_MS);
      await alma.decayConfidence();
      const [success] = await learnPattern(alma, refactor, STRATEGIES.smallSteps, 'S');
      expect(success!.heuristic?.record).toMatchObject({ confidence: 1, lastValidated: clock.now() });
      expect(await alma.decayConfidence()).toEqual({ examined: 1, updated: 0 });
    });

    it('repairs a confidence that disagrees with the counts, and feeds forgetting', async () => {
      const { alma, store, clock } = await context.open();
      await store.heuristics.put({
        projectId: PROJECT,
        agent: 'ops',
        condition: 'c',
        strategy: 's',
        confidence: 0.9,
        occurrenceCount: 4,
        successCount: 1,
        lastValidated: clock.now(),
      });
      expect(await alma.decayConfidence({ agent: 'coder' })).toEqual({ examined: 0, updated: 0 });
      expect(await alma.decayConfidence({ agent: 'ops' })).toEqual({ examined: 1, updated: 1 });
      expect((await allOf(alma, 'heuristic'))[0]!.confidence).toBe(0.25);
      expect(await alma.forget({ heuristicsBelowConfidence: 0.3 })).toMatchObject({ heuristics: 1 });
    });
  });
}
