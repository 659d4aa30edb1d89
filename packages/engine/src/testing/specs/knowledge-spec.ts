import { cosineSimilarity } from '@alma/core';
import { PROJECT } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../prompt-rendering.js';
import { seedMemories } from '../engine-fixtures.js';
import type { EngineSpecContext } from '../engine-spec-context.js';

export function knowledgeSpec(context: EngineSpecContext): void {
  describe('knowledge, preferences, stats and the prompt', () => {
    it('stores knowledge and preferences with embeddings of their text', async () => {
      const { alma, clock, embedder } = await context.open();
      const fact = await alma.addKnowledge({
        agent: 'coder',
        domain: 'billing',
        fact: 'amounts are kept in cents',
        source: 'docs',
        confidence: 0.8,
        metadata: { ticket: 'BILL-1' },
      });
      expect(fact).toMatchObject({
        projectId: PROJECT,
        lastVerified: clock.now(),
        confidence: 0.8,
        metadata: { ticket: 'BILL-1' },
      });
      const [expected] = await embedder.embed(['billing: amounts are kept in cents']);
      expect(cosineSimilarity(fact.embedding!, expected!)).toBeCloseTo(1, 6);
      const preference = await alma.addPreference({
        userId: 'user-1',
        category: 'style',
        preference: 'no emojis',
        source: 'explicit',
      });
      expect(preference).toMatchObject({ confidence: 1, userId: 'user-1' });
      expect(preference.embedding).toHaveLength(embedder.dimension);
      const [read] = (
        await alma.retrieve('how are billing amounts stored', 'coder', {
          filter: { metadata: { ticket: 'BILL-1' } },
        })
      ).domainKnowledge;
      expect(read?.record).toEqual(fact);
    });

    it('counts memories of the project and of what one agent may read', async () => {
      const opened = await context.open();
      await seedMemories(opened);
      const project = await opened.alma.stats();
      expect(project).toEqual(await opened.store.stats({ projectId: PROJECT }));
      const ops = await opened.alma.stats({ agent: 'ops' });
      expect(ops.counts).toEqual({
        heuristic: 0,
        outcome: 2,
        preference: 3,
        domainKnowledge: 2,
        antiPattern: 1,
        checkpoint: 0,
        workflowOutcome: 0,
        artifactLink: 0,
        archivedMemory: 0,
      });
      expect(ops.total).toBe(8);
    });

    it('renders a slice as a prompt within the token budget', async () => {
      const opened = await context.open();
      await seedMemories(opened);
      const slice = await opened.alma.retrieve('refactor the billing module', 'coder', { userId: 'user-1' });
      const full = opened.alma.renderPrompt(slice, 100_000);
      expect(full).toContain('## Strategies that worked');
      expect(full).toContain('## Avoid');
      expect(full).toContain('## User preferences');
      expect(full).toContain('## Domain knowledge');
      expect(full).toContain('## Similar past tasks');
      expect(full).not.toContain('left out');
      const budget = Math.floor(estimateTokens(full) / 2);
      const short = opened.alma.renderPrompt(slice, budget);
      expect(estimateTokens(short)).toBeLessThanOrEqual(budget);
      expect(short).toContain('## Strategies that worked');
      expect(short).toMatch(/\(\d+ more memor(y|ies) left out to fit the budget\)$/);
    });
  });
}
