import { MEMORY_KINDS } from '@alma/core';
import { itNeeding } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { seedMemories } from '../engine-fixtures.js';
import type { EngineSpecContext } from '../engine-spec-context.js';
import { expectRanking } from '../expect-ranking.js';

const TASK = 'refactor the billing module without breaking the tests';

export function scoringSpec(context: EngineSpecContext): void {
  describe('scoring', () => {
    it('ranks every kind by w·(similarity, recency, success, confidence) with real similarity', async () => {
      const opened = await context.open();
      await seedMemories(opened);
      const { alma, clock } = opened;
      const slice = await alma.retrieve(TASK, 'coder', { userId: 'user-1' });
      expect(slice).toMatchObject({ task: TASK, agent: 'coder', mode: null });
      const expectation = {
        weights: { similarity: 0.4, recency: 0.3, success: 0.2, confidence: 0.1 },
        topK: 5,
        now: clock.now(),
        agents: ['coder'],
        userId: 'user-1',
        reader: 'coder',
      };
      for (const kind of MEMORY_KINDS) await expectRanking(alma, slice, kind, expectation);
      expect(slice.heuristics.length).toBeGreaterThan(0);
      expect(slice.antiPatterns.length).toBeGreaterThan(0);
      expect(slice.preferences).toHaveLength(2);
      const similarities = slice.domainKnowledge.map((m) => m.similarity);
      expect(new Set(similarities).size).toBe(similarities.length);
      expect(similarities.every((s) => s !== null && s < 0.999)).toBe(true);
    });

    it('follows configured weights, topK and minimum score', async () => {
      const weights = { similarity: 2, recency: 1, success: 0, confidence: 1 };
      const opened = await context.open({ config: { retrieval: { weights, topK: 3 } } });
      await seedMemories(opened);
      const { alma, clock } = opened;
      const normalized = { similarity: 0.5, recency: 0.25, success: 0, confidence: 0.25 };
      expect(alma.config.retrieval.weights).toEqual(normalized);
      const full = await alma.retrieve(TASK, 'coder');
      const base = { weights: normalized, now: clock.now(), agents: ['coder'] };
      for (const kind of ['heuristic', 'outcome', 'domainKnowledge'] as const) {
        await expectRanking(alma, full, kind, { ...base, topK: 3 });
      }
      const cut = full.outcomes[1]!.score;
      const strict = await alma.retrieve(TASK, 'coder', { minScore: cut, topK: 10 });
      await expectRanking(alma, strict, 'outcome', { ...base, topK: 10, minScore: cut });
      expect(strict.outcomes.every((m) => m.score >= cut)).toBe(true);
    });

    itNeeding(context.harness.capabilities, { textSearch: true })(
      'ranks the same way when text search joins the vector search (hybrid)',
      async () => {
        const opened = await context.open();
        await seedMemories(opened);
        const { alma, clock } = opened;
        const slice = await alma.retrieve('billing module', 'coder', { search: 'hybrid' });
        const expectation = {
          weights: alma.config.retrieval.weights,
          topK: 5,
          now: clock.now(),
          agents: ['coder'],
        };
        for (const kind of ['heuristic', 'outcome', 'domainKnowledge'] as const) {
          await expectRanking(alma, slice, kind, expectation);
        }
      },
    );
  });
}
