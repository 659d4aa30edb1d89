import { describe, expect, it } from 'vitest';
import { itNeeding } from '../capability-gate.js';
import { expectAlmaError } from '../expect-error.js';
import { PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

export function putManySpec(context: SpecContext): void {
  describe('putMany', () => {
    it('writes every record in one call and returns them in input order', async () => {
      const { store } = await context.open();
      const inputs = Array.from({ length: 500 }, (_, i) =>
        sampleInput('outcome', { taskDescription: `task ${i}`, embedding: [i, 1, 0, 0, 0, 0, 0, 1] }),
      );
      const result = await store.outcomes.putMany(inputs);
      expect(result.failures).toEqual([]);
      expect(result.items.map((item) => item.taskDescription)).toEqual(
        inputs.map((input) => input.taskDescription),
      );
      expect(await store.outcomes.count({ projectId: PROJECT })).toBe(500);
      expect(await store.outcomes.get(result.items[321]!)).toEqual(result.items[321]);
    });

    it('upserts: existing ids are replaced, not duplicated', async () => {
      const { store } = await context.open();
      const { items } = await store.heuristics.putMany([sampleInput('heuristic'), sampleInput('heuristic')]);
      await store.heuristics.putMany(items.map((item) => ({ ...item, strategy: 'changed' })));
      expect(await store.heuristics.count({ projectId: PROJECT })).toBe(2);
      expect(await store.heuristics.count({ projectId: PROJECT, strategy: 'changed' })).toBe(2);
    });

    it('rejects the whole batch when one item is invalid, writing nothing', async () => {
      const { store } = await context.open();
      const inputs = [
        sampleInput('heuristic'),
        sampleInput('heuristic', { confidence: 2 }),
        sampleInput('heuristic'),
      ];
      const error = await expectAlmaError(store.heuristics.putMany(inputs), 'VALIDATION');
      expect(error.message).toContain('item 1');
      expect(await store.heuristics.count({ projectId: PROJECT })).toBe(0);
    });

    it('rejects a batch holding one id twice, writing nothing', async () => {
      const { store } = await context.open();
      const id = '01890a5d-ac96-774b-bcce-b302099a8057';
      await expectAlmaError(
        store.heuristics.putMany([sampleInput('heuristic', { id }), sampleInput('heuristic', { id })]),
        'VALIDATION',
      );
      expect(await store.heuristics.count({ projectId: PROJECT })).toBe(0);
    });

    it('round-trips a large batch exactly, awkward text included, and replaces it in place', async () => {
      // Large enough for any backend's bulk path (PostgreSQL: COPY, the index built after the load).
      const { store } = await context.open();
      const awkward = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N', '\\.', 'quote\'s "x"', 'ünï😀'];
      const inputs = Array.from({ length: 700 }, (_, i) =>
        sampleInput('heuristic', {
          strategy: `${awkward[i % awkward.length]} ${i}`,
          metadata: { note: awkward[(i + 1) % awkward.length]!, n: i },
          ...(i % 50 === 0 ? { embedding: null } : { embedding: [i % 7, 1, i % 3, 0, 0, 0, 0, 1] }),
        }),
      );
      const { items } = await store.heuristics.putMany(inputs);
      for (const i of [0, 1, 2, 3, 4, 5, 350, 699]) {
        expect(await store.heuristics.get(items[i]!)).toEqual(items[i]);
      }
      const hits = await store.heuristics.search({
        where: { projectId: PROJECT },
        vector: [3, 1, 1, 0, 0, 0, 0, 1],
        k: 5,
      });
      expect(hits).toHaveLength(5);
      const changed = await store.heuristics.putMany(
        items.map((item) => ({ ...item, strategy: `${item.strategy}!` })),
      );
      expect(await store.heuristics.count({ projectId: PROJECT })).toBe(700);
      expect(await store.heuristics.get(items[5]!)).toEqual(changed.items[5]);
    });

    it('accepts an empty batch', async () => {
      const { store } = await context.open();
      expect(await store.preferences.putMany([])).toEqual({ items: [], failures: [] });
    });

    itNeeding(context.harness.capabilities, { atomicBatch: true })(
      'reports no per-item failures on an atomic backend',
      async () => {
        const { store } = await context.open();
        const result = await store.preferences.putMany([
          sampleInput('preference'),
          sampleInput('preference'),
        ]);
        expect(result.failures).toHaveLength(0);
        expect(result.items).toHaveLength(2);
      },
    );
  });
}
