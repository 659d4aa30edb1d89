import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../ids/uuid-v7.js';
import { expectAlmaError } from '../expect-error.js';
import { OTHER_PROJECT, PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

export function updateSpec(context: SpecContext): void {
  describe('update (in place)', () => {
    it('changes the named fields, stamps updatedAt and keeps the rest', async () => {
      const { store, clock } = await context.open();
      const saved = await store.heuristics.put(sampleInput('heuristic', { metadata: { keep: true } }));
      clock.advance(60_000);
      const updated = await store.heuristics.update(saved, { confidence: 0.75, strategy: 'new strategy' });
      expect(updated).toEqual({
        ...saved,
        confidence: 0.75,
        strategy: 'new strategy',
        updatedAt: clock.now(),
      });
      expect(await store.heuristics.get(saved)).toEqual(updated);
    });

    it('sets optional fields to null and embeddings to a new vector or none', async () => {
      const { store } = await context.open();
      const saved = await store.outcomes.put(
        sampleInput('outcome', { errorMessage: 'boom', embedding: [1, 0, 0, 0, 0, 0, 0, 0] }),
      );
      const cleared = await store.outcomes.update(saved, { errorMessage: null, embedding: null });
      expect(cleared.errorMessage).toBeNull();
      expect(cleared.embedding).toBeNull();
      const hits = await store.outcomes.search({
        where: { projectId: PROJECT },
        vector: [1, 0, 0, 0, 0, 0, 0, 0],
      });
      expect(hits).toHaveLength(0);
      const again = await store.outcomes.update(saved, { embedding: [0, 1, 0, 0, 0, 0, 0, 0] });
      expect(Array.from(again.embedding ?? [])).toEqual([0, 1, 0, 0, 0, 0, 0, 0]);
    });

    it('fails with NOT_FOUND for an absent record and for a record of another project', async () => {
      const { store } = await context.open();
      const saved = await store.heuristics.put(sampleInput('heuristic'));
      await expectAlmaError(
        store.heuristics.update({ projectId: PROJECT, id: uuidv7() }, { confidence: 1 }),
        'NOT_FOUND',
      );
      await expectAlmaError(
        store.heuristics.update({ projectId: OTHER_PROJECT, id: saved.id }, { confidence: 1 }),
        'NOT_FOUND',
      );
      expect(await store.heuristics.get(saved)).toEqual(saved);
    });

    it('refuses identity fields, unknown fields, empty patches and bad values', async () => {
      const { store } = await context.open();
      const saved = await store.heuristics.put(sampleInput('heuristic'));
      for (const patch of [
        { projectId: OTHER_PROJECT },
        { id: uuidv7() },
        { createdAt: new Date() },
        { nope: 1 },
        {},
        { confidence: -0.1 },
      ]) {
        await expectAlmaError(store.heuristics.update(saved, patch as never), 'VALIDATION');
      }
      await expectAlmaError(store.heuristics.update(saved, { embedding: [1, 2, 3] }), 'DIMENSION_MISMATCH');
      expect(await store.heuristics.get(saved)).toEqual(saved);
    });
  });
}
