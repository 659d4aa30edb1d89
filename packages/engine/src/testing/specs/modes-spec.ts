import { expectAlmaError } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { MODE_PRESETS, RETRIEVAL_MODES } from '../../retrieval-modes.js';
import { DAY_MS, seedMemories } from '../engine-fixtures.js';
import type { EngineSpecContext } from '../engine-spec-context.js';
import { expectRanking } from '../expect-ranking.js';

const TASK = 'why does the billing module refactor keep failing';

export function modesSpec(context: EngineSpecContext): void {
  describe('retrieval modes', () => {
    it("score with each mode's weights and keep each mode's topK", async () => {
      const opened = await context.open();
      await seedMemories(opened);
      const { alma, clock } = opened;
      for (let i = 0; i < 16; i++) {
        await alma.addKnowledge({
          agent: 'coder',
          domain: 'billing',
          fact: `billing rule number ${i}`,
          source: 'docs',
        });
      }
      clock.advance(DAY_MS);
      for (const mode of RETRIEVAL_MODES) {
        const preset = MODE_PRESETS[mode];
        const slice = await alma.retrieve(TASK, 'coder', { mode });
        expect(slice.mode).toBe(mode);
        const expectation = {
          weights: preset.weights,
          topK: preset.topK,
          now: clock.now(),
          agents: ['coder'],
          prioritizeFailures: preset.prioritizeFailures,
        };
        for (const kind of ['heuristic', 'outcome', 'domainKnowledge'] as const) {
          await expectRanking(alma, slice, kind, expectation);
        }
        expect(slice.domainKnowledge).toHaveLength(Math.min(preset.topK, 22));
        if (preset.includeAntiPatterns) await expectRanking(alma, slice, 'antiPattern', expectation);
        else expect(slice.antiPatterns).toEqual([]);
      }
    });

    it('diagnostic mode ranks failed outcomes above successful ones', async () => {
      const { alma } = await context.open();
      const task = { agent: 'coder', taskType: 'refactor', strategyUsed: 'small steps' } as const;
      await alma.learn({ ...task, taskDescription: 'refactor the billing module', success: true });
      await alma.learn({ ...task, taskDescription: 'refactor the billing module', success: false });
      const plain = await alma.retrieve('refactor the billing module', 'coder');
      expect(plain.outcomes.map((m) => m.record.success)).toEqual([true, false]);
      const diagnostic = await alma.retrieve('refactor the billing module', 'coder', { mode: 'diagnostic' });
      expect(diagnostic.outcomes.map((m) => m.record.success)).toEqual([false, true]);
    });

    it('an explicit topK wins over the mode', async () => {
      const opened = await context.open();
      await seedMemories(opened);
      const slice = await opened.alma.retrieve(TASK, 'coder', { mode: 'broad', topK: 2 });
      expect(slice.domainKnowledge).toHaveLength(2);
    });

    it('rejects an unknown mode and bad options', async () => {
      const { alma } = await context.open();
      await expectAlmaError(alma.retrieve(TASK, 'coder', { mode: 'psychic' as never }), 'VALIDATION');
      await expectAlmaError(alma.retrieve(TASK, 'coder', { topK: 0 }), 'VALIDATION');
      await expectAlmaError(alma.retrieve('  ', 'coder'), 'VALIDATION');
      await expectAlmaError(
        alma.retrieve(TASK, 'coder', { filter: { heuristic: { agent: 'ops' } as never } }),
        'VALIDATION',
      );
    });
  });
}
