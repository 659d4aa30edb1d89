import { describe, expect, it } from 'vitest';
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

    it('accepts an empty batch', async () => {
      const { store } = await context.open();
      expect(await store.preferences.putMany([])).toEqual({ items: [], failures: [] });
    });

    it.runIf(context.harness.capabilities.atomicBatch)(
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
