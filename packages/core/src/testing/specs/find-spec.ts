import { describe, expect, it } from 'vitest';
import type { MemoryRecord } from '../../model/kinds.js';
import type { MemoryStore } from '../../store/memory-store.js';
import { expectAlmaError } from '../expect-error.js';
import { OTHER_PROJECT, PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** Ten heuristics with known confidences, counts, dates, agents and metadata. */
async function seedHeuristics(store: MemoryStore): Promise<MemoryRecord<'heuristic'>[]> {
  const { items } = await store.heuristics.putMany(
    Array.from({ length: 10 }, (_, i) =>
      sampleInput('heuristic', {
        agent: i % 2 === 0 ? 'even' : 'odd',
        confidence: i / 10,
        occurrenceCount: i,
        lastValidated: new Date(T0 + i * 1_000),
        metadata: { index: i, parity: i % 2 === 0 ? 'even' : 'odd', flag: i < 3, label: String(i) },
      }),
    ),
  );
  await store.heuristics.put(
    sampleInput('heuristic', { projectId: OTHER_PROJECT, agent: 'even', confidence: 0.5 }),
  );
  return items;
}

async function confidences(
  store: MemoryStore,
  where: Parameters<MemoryStore['heuristics']['find']>[0]['where'],
) {
  const page = await store.heuristics.find({ where, orderBy: { field: 'confidence' }, limit: 1000 });
  return page.items.map((item) => Math.round(item.confidence * 10));
}

export function findSpec(context: SpecContext): void {
  describe('find: filter operators', () => {
    it('eq, ne and in on strings', async () => {
      const { store } = await context.open();
      await seedHeuristics(store);
      expect(await confidences(store, { projectId: PROJECT, agent: 'even' })).toEqual([0, 2, 4, 6, 8]);
      expect(await confidences(store, { projectId: PROJECT, agent: { eq: 'odd' } })).toEqual([1, 3, 5, 7, 9]);
      expect(await confidences(store, { projectId: PROJECT, agent: { ne: 'odd' } })).toEqual([0, 2, 4, 6, 8]);
      expect(await confidences(store, { projectId: PROJECT, agent: { in: ['odd', 'nobody'] } })).toEqual([
        1, 3, 5, 7, 9,
      ]);
    });

    it('ranges on numbers, integers and timestamps, combined with AND', async () => {
      const { store } = await context.open();
      await seedHeuristics(store);
      expect(await confidences(store, { projectId: PROJECT, confidence: { gt: 0.7 } })).toEqual([8, 9]);
      expect(await confidences(store, { projectId: PROJECT, confidence: { gte: 0.7 } })).toEqual([7, 8, 9]);
      expect(await confidences(store, { projectId: PROJECT, occurrenceCount: { lt: 2 } })).toEqual([0, 1]);
      expect(await confidences(store, { projectId: PROJECT, occurrenceCount: { lte: 2 } })).toEqual([
        0, 1, 2,
      ]);
      expect(
        await confidences(store, {
          projectId: PROJECT,
          lastValidated: { gte: new Date(T0 + 3_000), lt: '2026-01-01T00:00:06.000Z' },
          agent: 'odd',
        }),
      ).toEqual([3, 5]);
      expect(await confidences(store, { projectId: PROJECT, occurrenceCount: { in: [4, 40] } })).toEqual([4]);
    });

    it('booleans and null on optional fields', async () => {
      const { store } = await context.open();
      await store.outcomes.putMany([
        sampleInput('outcome', { success: true, durationMs: 10 }),
        sampleInput('outcome', { success: false, durationMs: null, errorMessage: 'boom' }),
        sampleInput('outcome', { success: false, durationMs: 30 }),
      ]);
      expect(await store.outcomes.count({ projectId: PROJECT, success: false })).toBe(2);
      expect(await store.outcomes.count({ projectId: PROJECT, durationMs: null })).toBe(1);
      expect(await store.outcomes.count({ projectId: PROJECT, durationMs: { ne: null } })).toBe(2);
      expect(await store.outcomes.count({ projectId: PROJECT, errorMessage: { eq: 'boom' } })).toBe(1);
      expect(await store.outcomes.count({ projectId: PROJECT, durationMs: { gt: 5 } })).toBe(2);
    });

    it('metadata key equality, with JSON types kept apart', async () => {
      const { store } = await context.open();
      await seedHeuristics(store);
      expect(
        await confidences(store, { projectId: PROJECT, metadata: { parity: 'odd', flag: true } }),
      ).toEqual([1]);
      expect(await confidences(store, { projectId: PROJECT, metadata: { index: 4 } })).toEqual([4]);
      expect(await confidences(store, { projectId: PROJECT, metadata: { label: 4 } })).toEqual([]);
      expect(await confidences(store, { projectId: PROJECT, metadata: { index: '4' } })).toEqual([]);
      expect(await confidences(store, { projectId: PROJECT, metadata: { flag: 1 } })).toEqual([]);
      expect(await confidences(store, { projectId: PROJECT, metadata: { absent: 'x' } })).toEqual([]);
    });

    it('treats injection-looking values as plain data', async () => {
      const { store } = await context.open();
      const hostile = [
        "' OR '1'='1",
        "x'); DROP TABLE alma_heuristics; --",
        '" OR ""="',
        '{"$ne": null}',
        '%',
        '_',
        'c.agent = c.agent',
      ];
      for (const agent of hostile)
        await store.heuristics.put(sampleInput('heuristic', { agent, metadata: { tag: agent } }));
      for (const agent of hostile) {
        expect(await store.heuristics.count({ projectId: PROJECT, agent })).toBe(1);
        expect(await store.heuristics.count({ projectId: PROJECT, metadata: { tag: agent } })).toBe(1);
      }
      expect(await store.heuristics.count({ projectId: PROJECT })).toBe(hostile.length);
    });

    it('rejects unknown fields, wrong types, bad operators and unsafe metadata keys', async () => {
      const { store } = await context.open();
      const bad = [
        { projectId: PROJECT, nope: 1 },
        { projectId: PROJECT, confidence: 'high' },
        { projectId: PROJECT, agent: { gt: 'a' } },
        { projectId: PROJECT, agent: { like: '%' } },
        { projectId: PROJECT, agent: { in: [] } },
        { projectId: PROJECT, agent: null },
        { projectId: PROJECT, embedding: [1] },
        { projectId: PROJECT, metadata: { "a') OR 1=1 --": 'x' } },
        { projectId: PROJECT, metadata: { ok: { nested: 1 } } },
        { projectId: PROJECT, lastValidated: 'yesterday' },
        { agent: 'coder' },
      ];
      for (const where of bad)
        await expectAlmaError(store.heuristics.find({ where: where as never }), 'VALIDATION');
    });
  });

  describe('find: order and pagination', () => {
    it('orders by a field in both directions, ties broken by id', async () => {
      const { store } = await context.open();
      const { items } = await store.heuristics.putMany(
        [0.5, 0.1, 0.5, 0.9, 0.1].map((confidence) => sampleInput('heuristic', { confidence })),
      );
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
      const asc = [...items].sort((a, b) => a.confidence - b.confidence || byId(a, b));
      const page = await store.heuristics.find({
        where: { projectId: PROJECT },
        orderBy: { field: 'confidence' },
      });
      expect(page.items.map((i) => i.id)).toEqual(asc.map((i) => i.id));
      const desc = await store.heuristics.find({
        where: { projectId: PROJECT },
        orderBy: { field: 'confidence', direction: 'desc' },
      });
      expect(desc.items.map((i) => i.id)).toEqual([...asc].reverse().map((i) => i.id));
      const byCreation = await store.heuristics.find({ where: { projectId: PROJECT } });
      expect(byCreation.items.map((i) => i.id)).toEqual([...items].sort(byId).map((i) => i.id));
    });

    it('walks every page without skipping or repeating', async () => {
      const { store } = await context.open();
      const seeded = await seedHeuristics(store);
      for (const direction of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.heuristics.find({
            where: { projectId: PROJECT },
            orderBy: { field: 'lastValidated', direction },
            limit: 3,
            ...(cursor === undefined ? {} : { cursor }),
          });
          seen.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        const expected = [...seeded].sort((a, b) => a.lastValidated.getTime() - b.lastValidated.getTime());
        if (direction === 'desc') expected.reverse();
        expect(seen).toEqual(expected.map((item) => item.id));
      }
    });

    it('neither skips nor repeats while records are inserted between pages', async () => {
      const { store } = await context.open();
      const { items: original } = await store.outcomes.putMany(
        Array.from({ length: 25 }, (_, i) => sampleInput('outcome', { taskDescription: `orig ${i}` })),
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      let round = 0;
      do {
        const page = await store.outcomes.find({
          where: { projectId: PROJECT },
          limit: 4,
          ...(cursor === undefined ? {} : { cursor }),
        });
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
        await store.outcomes.put(sampleInput('outcome', { taskDescription: `new ${round++}` }));
      } while (cursor && round < 100);
      expect(new Set(seen).size).toBe(seen.length);
      for (const record of original) expect(seen).toContain(record.id);
    });

    it('rejects foreign or damaged cursors and bad limits', async () => {
      const { store } = await context.open();
      await seedHeuristics(store);
      const page = await store.heuristics.find({ where: { projectId: PROJECT }, limit: 2 });
      expect(page.nextCursor).not.toBeNull();
      await expectAlmaError(
        store.heuristics.find({
          where: { projectId: PROJECT },
          orderBy: { field: 'confidence' },
          cursor: page.nextCursor!,
        }),
        'VALIDATION',
      );
      await expectAlmaError(
        store.heuristics.find({ where: { projectId: PROJECT }, cursor: 'garbage!' }),
        'VALIDATION',
      );
      for (const limit of [0, -1, 1.5, 1001]) {
        await expectAlmaError(store.heuristics.find({ where: { projectId: PROJECT }, limit }), 'VALIDATION');
      }
      await expectAlmaError(
        store.heuristics.find({ where: { projectId: PROJECT }, orderBy: { field: 'agent' as never } }),
        'VALIDATION',
      );
    });
  });
}
