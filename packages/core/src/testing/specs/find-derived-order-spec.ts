import { describe, expect, it } from 'vitest';
import type { MemoryRecord } from '../../model/kinds.js';
import type { MemoryStore } from '../../store/memory-store.js';
import type { Direction } from '../../store/query-types.js';
import { expectAlmaError } from '../expect-error.js';
import { OTHER_PROJECT, PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

/**
 * [successCount, occurrenceCount]: never tried (rate 0 like 0 of 5), equal rates reached by other
 * counts (1/3 = 2/6 = 3/9 only if every backend divides in double as JavaScript does), a rate above 1.
 */
const COUNTS = [
  [0, 0],
  [0, 5],
  [1, 3],
  [2, 6],
  [3, 9],
  [1, 2],
  [2, 4],
  [7, 10],
  [3, 3],
  [5, 4],
  [0, 0],
] as const;

interface Counts {
  readonly id: string;
  readonly successCount: number;
  readonly occurrenceCount: number;
}

const rateOf = (h: Counts) => (h.occurrenceCount > 0 ? h.successCount / h.occurrenceCount : 0);

/** The ids in (successRate, id) order, as the engine's `successRate` ranks them. */
function expectedIds(records: readonly Counts[], direction: Direction): string[] {
  const sorted = [...records].sort((a, b) => rateOf(a) - rateOf(b) || (a.id < b.id ? -1 : 1));
  return (direction === 'asc' ? sorted : sorted.reverse()).map((h) => h.id);
}

async function seed(store: MemoryStore): Promise<MemoryRecord<'heuristic'>[]> {
  const { items } = await store.heuristics.putMany(
    COUNTS.map(([successCount, occurrenceCount], i) =>
      sampleInput('heuristic', { successCount, occurrenceCount, agent: i % 2 === 0 ? 'even' : 'odd' }),
    ),
  );
  // Another project's perfect heuristic must never appear.
  await store.heuristics.put(
    sampleInput('heuristic', { projectId: OTHER_PROJECT, successCount: 9, occurrenceCount: 1 }),
  );
  return items;
}

/** Every id of the query, walking its pages of two by cursor. */
async function walk(
  store: MemoryStore,
  where: Parameters<MemoryStore['heuristics']['find']>[0]['where'],
  direction: Direction,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.heuristics.find({
      where,
      orderBy: { field: 'successRate', direction },
      limit: 2,
      ...(cursor === undefined ? {} : { cursor }),
    });
    expect(page.items.length).toBeLessThanOrEqual(2);
    seen.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

export function findDerivedOrderSpec(context: SpecContext): void {
  describe('find: ordered by a derived field (heuristic successRate)', () => {
    it('orders by successCount / occurrenceCount both ways, never tried as 0, ties by id', async () => {
      const { store } = await context.open();
      const seeded = await seed(store);
      for (const direction of ['asc', 'desc'] as const) {
        const page = await store.heuristics.find({
          where: { projectId: PROJECT },
          orderBy: { field: 'successRate', direction },
        });
        expect(page.items.map((item) => item.id)).toEqual(expectedIds(seeded, direction));
        expect(page.nextCursor).toBeNull();
      }
      const lowest = await store.heuristics.find({
        where: { projectId: PROJECT },
        orderBy: { field: 'successRate' },
        limit: 3,
      });
      expect(lowest.items.map(rateOf)).toEqual([0, 0, 0]);
      expect(lowest.items.filter((item) => item.occurrenceCount === 0)).toHaveLength(2);
    });

    it('walks pages of two without repeating or skipping, and keeps the filter', async () => {
      const { store } = await context.open();
      const seeded = await seed(store);
      const even = seeded.filter((_, i) => i % 2 === 0);
      for (const direction of ['asc', 'desc'] as const) {
        expect(await walk(store, { projectId: PROJECT }, direction)).toEqual(expectedIds(seeded, direction));
        expect(await walk(store, { projectId: PROJECT, agent: 'even' }, direction)).toEqual(
          expectedIds(even, direction),
        );
        const tried = seeded.filter((h) => h.occurrenceCount >= 4);
        expect(await walk(store, { projectId: PROJECT, occurrenceCount: { gte: 4 } }, direction)).toEqual(
          expectedIds(tried, direction),
        );
      }
    });

    it('follows increments: a record whose rate changes moves', async () => {
      const { store } = await context.open();
      const seeded = await seed(store);
      const first = async () =>
        (
          await store.heuristics.find({
            where: { projectId: PROJECT },
            orderBy: { field: 'successRate', direction: 'desc' },
            limit: 1,
          })
        ).items[0]!;
      const [untried] = seeded.filter((h) => h.occurrenceCount === 0);
      await store.heuristics.increment(untried!, { successCount: 2, occurrenceCount: 1 });
      expect((await first()).id).toBe(untried!.id);
      await store.heuristics.increment(untried!, { occurrenceCount: 1 });
      const after = (await store.heuristics.find({ where: { projectId: PROJECT }, limit: 1000 })).items;
      expect((await first()).id).toBe(expectedIds(after, 'desc')[0]);
      expect((await first()).id).not.toBe(untried!.id);
    });

    it('is refused for kinds without it, and its cursors only fit it', async () => {
      const { store } = await context.open();
      await seed(store);
      await store.antiPatterns.put(sampleInput('antiPattern', { occurrenceCount: 2 }));
      for (const kind of ['antiPattern', 'outcome', 'checkpoint'] as const) {
        await expectAlmaError(
          store
            .kind(kind)
            .find({ where: { projectId: PROJECT }, orderBy: { field: 'successRate' as never } }),
          'VALIDATION',
        );
      }
      const where = { projectId: PROJECT };
      const page = await store.heuristics.find({ where, orderBy: { field: 'successRate' }, limit: 2 });
      await expectAlmaError(
        store.heuristics.find({ where, orderBy: { field: 'confidence' }, cursor: page.nextCursor! }),
        'VALIDATION',
      );
      const id = page.items[0]!.id;
      for (const body of [
        { f: 'successRate', d: 'asc', t: 'number', v: -0.5, id },
        { f: 'successRate', d: 'asc', t: 'date', v: 0, id },
        { f: 'successRate', d: 'asc', t: 'string', v: '0.5', id },
      ]) {
        const cursor = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
        await expectAlmaError(
          store.heuristics.find({ where, orderBy: { field: 'successRate' }, cursor }),
          'VALIDATION',
        );
      }
    });
  });
}
