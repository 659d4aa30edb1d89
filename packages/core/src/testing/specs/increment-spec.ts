import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../ids/uuid-v7.js';
import { expectAlmaError } from '../expect-error.js';
import { PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

export function incrementSpec(context: SpecContext): void {
  describe('increment (atomic counters)', () => {
    it('loses nothing under 50 concurrent increments', async () => {
      const { store } = await context.open();
      const saved = await store.heuristics.put(sampleInput('heuristic'));
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.heuristics.increment(saved, { occurrenceCount: 1, successCount: i % 2 }),
        ),
      );
      const read = await store.heuristics.get(saved);
      expect(read?.occurrenceCount).toBe(50);
      expect(read?.successCount).toBe(25);
    });

    it('sets other fields in the same write and stamps updatedAt', async () => {
      const { store, clock } = await context.open();
      const saved = await store.antiPatterns.put(sampleInput('antiPattern', { occurrenceCount: 2 }));
      clock.advance(1_000);
      const lastSeen = new Date(clock.now().getTime() + 5);
      const updated = await store.antiPatterns.increment(saved, { occurrenceCount: 3 }, { lastSeen });
      expect(updated).toEqual({ ...saved, occurrenceCount: 5, lastSeen, updatedAt: clock.now() });
    });

    it('rejects non-counters, fractions, empty increments and a field both set and incremented', async () => {
      const { store } = await context.open();
      const saved = await store.heuristics.put(sampleInput('heuristic'));
      await expectAlmaError(store.heuristics.increment(saved, { confidence: 1 } as never), 'VALIDATION');
      await expectAlmaError(store.heuristics.increment(saved, { occurrenceCount: 0.5 }), 'VALIDATION');
      await expectAlmaError(store.heuristics.increment(saved, {}), 'VALIDATION');
      await expectAlmaError(
        store.heuristics.increment(saved, { successCount: 1 }, { successCount: 4 } as never),
        'VALIDATION',
      );
      expect(await store.heuristics.get(saved)).toEqual(saved);
    });

    it('fails with NOT_FOUND for an absent record', async () => {
      const { store } = await context.open();
      await expectAlmaError(
        store.heuristics.increment({ projectId: PROJECT, id: uuidv7() }, { occurrenceCount: 1 }),
        'NOT_FOUND',
      );
    });

    it('keeps every counter within 0 to 2^53 - 1: a result outside is VALIDATION and writes nothing', async () => {
      const { store } = await context.open();
      const saved = await store.heuristics.put(
        sampleInput('heuristic', { occurrenceCount: 3, successCount: Number.MAX_SAFE_INTEGER - 1 }),
      );
      const lowered = await store.heuristics.increment(saved, { occurrenceCount: -2 });
      expect(lowered.occurrenceCount).toBe(1);
      await expectAlmaError(store.heuristics.increment(saved, { occurrenceCount: -2 }), 'VALIDATION');
      await expectAlmaError(store.heuristics.increment(saved, { successCount: 2 }), 'VALIDATION');
      await expectAlmaError(
        store.heuristics.increment(saved, { occurrenceCount: 1, successCount: 5 }, { confidence: 0.25 }),
        'VALIDATION',
      );
      // Nothing of a refused increment was written, and the record reads back whole.
      expect(await store.heuristics.get(saved)).toEqual(lowered);
      const raised = await store.heuristics.increment(saved, { successCount: 1 });
      expect(raised.successCount).toBe(Number.MAX_SAFE_INTEGER);
      expect((await store.heuristics.find({ where: { projectId: PROJECT } })).items).toHaveLength(1);
    });
  });
}
