import { describe, expect, it } from 'vitest';
import { OTHER_PROJECT, PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

export function deleteSpec(context: SpecContext): void {
  describe('delete', () => {
    it('removes the record and says whether it existed', async () => {
      const { store } = await context.open();
      const saved = await store.domainKnowledge.put(sampleInput('domainKnowledge'));
      expect(await store.domainKnowledge.delete(saved)).toBe(true);
      expect(await store.domainKnowledge.get(saved)).toBeNull();
      expect(await store.domainKnowledge.delete(saved)).toBe(false);
      expect(await store.domainKnowledge.count({ projectId: PROJECT })).toBe(0);
    });

    it('removes the vector too: a deleted record never comes back from search (DC-8)', async () => {
      const { store } = await context.open();
      const vector = [1, 0, 0, 0, 0, 0, 0, 0];
      const doomed = await store.heuristics.put(
        sampleInput('heuristic', { strategy: 'doomed words', embedding: vector }),
      );
      const kept = await store.heuristics.put(
        sampleInput('heuristic', { embedding: [0.9, 0.1, 0, 0, 0, 0, 0, 0] }),
      );
      await store.heuristics.delete(doomed);
      const hits = await store.heuristics.search({ where: { projectId: PROJECT }, vector, k: 10 });
      expect(hits.map((hit) => hit.record.id)).toEqual([kept.id]);
      if (context.harness.capabilities.textSearch) {
        expect(await store.heuristics.search({ where: { projectId: PROJECT }, text: 'doomed' })).toEqual([]);
      }
    });

    it('cannot delete through another project', async () => {
      const { store } = await context.open();
      const saved = await store.heuristics.put(sampleInput('heuristic'));
      expect(await store.heuristics.delete({ projectId: OTHER_PROJECT, id: saved.id })).toBe(false);
      expect(await store.heuristics.get(saved)).toEqual(saved);
    });
  });
}
