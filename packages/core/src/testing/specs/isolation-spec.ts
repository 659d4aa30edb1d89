import { describe, expect, it } from 'vitest';
import { expectAlmaError } from '../expect-error.js';
import { OTHER_PROJECT, PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

export function isolationSpec(context: SpecContext): void {
  describe('project isolation: no operation ever sees another project', () => {
    it('every operation of project B leaves project A untouched and unseen', async () => {
      const { store } = await context.open();
      const vector = [1, 0, 0, 0, 0, 0, 0, 0];
      const a = await store.heuristics.put(
        sampleInput('heuristic', { strategy: 'secret plan', embedding: vector }),
      );
      const asB = { projectId: OTHER_PROJECT, id: a.id };
      expect(await store.heuristics.get(asB)).toBeNull();
      await expectAlmaError(store.heuristics.update(asB, { strategy: 'stolen' }), 'NOT_FOUND');
      await expectAlmaError(store.heuristics.increment(asB, { occurrenceCount: 1 }), 'NOT_FOUND');
      expect(await store.heuristics.delete(asB)).toBe(false);
      expect(await store.heuristics.deleteWhere({ projectId: OTHER_PROJECT })).toBe(0);
      expect(await store.heuristics.count({ projectId: OTHER_PROJECT })).toBe(0);
      expect((await store.heuristics.find({ where: { projectId: OTHER_PROJECT } })).items).toEqual([]);
      expect(await store.heuristics.search({ where: { projectId: OTHER_PROJECT }, vector })).toEqual([]);
      if (context.harness.capabilities.textSearch) {
        expect(
          await store.heuristics.search({ where: { projectId: OTHER_PROJECT }, text: 'secret' }),
        ).toEqual([]);
      }
      const scanned = [];
      for await (const record of store.heuristics.scan({ projectId: OTHER_PROJECT })) scanned.push(record);
      expect(scanned).toEqual([]);
      expect((await store.stats({ projectId: OTHER_PROJECT })).total).toBe(0);
      expect(await store.heuristics.get(a)).toEqual(a);
      expect((await store.stats({ projectId: PROJECT })).total).toBe(1);
    });
  });
}
