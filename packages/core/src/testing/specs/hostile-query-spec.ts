import { describe, expect, it } from 'vitest';
import { expectAlmaError } from '../expect-error.js';
import { PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** A cursor as a client could forge it: the store's own encoding around any body. */
function forged(body: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** Arguments no well-typed caller sends: every one is a VALIDATION error, never a TypeError or a silent default. */
export function hostileQuerySpec(context: SpecContext): void {
  describe('hostile queries give VALIDATION and reach no adapter', () => {
    it('a query that is null, an array or not an object', async () => {
      const { store } = await context.open();
      for (const junk of [null, undefined, [], 'where', 7]) {
        await expectAlmaError(store.heuristics.find(junk as never), 'VALIDATION');
        await expectAlmaError(store.heuristics.search(junk as never), 'VALIDATION');
        await expectAlmaError(store.stats(junk as never), 'VALIDATION');
      }
    });

    it('a misspelt key is refused, not ignored', async () => {
      const { store } = await context.open();
      const where = { projectId: PROJECT };
      await expectAlmaError(
        store.heuristics.find({ where, orderby: { field: 'id' } } as never),
        'VALIDATION',
      );
      await expectAlmaError(store.heuristics.find({ where, limits: 5 } as never), 'VALIDATION');
      await expectAlmaError(
        store.heuristics.search({ where, vectors: [1, 0, 0, 0, 0, 0, 0, 0] } as never),
        'VALIDATION',
      );
      await expectAlmaError(store.stats({ projectId: PROJECT, agent: 'a' } as never), 'VALIDATION');
    });

    it('the nil and max UUIDs are refused by every operation alike', async () => {
      const { store } = await context.open();
      for (const id of [NIL_UUID, MAX_UUID]) {
        await expectAlmaError(store.heuristics.put(sampleInput('heuristic', { id })), 'VALIDATION');
        await expectAlmaError(store.heuristics.get({ projectId: PROJECT, id }), 'VALIDATION');
        await expectAlmaError(store.heuristics.delete({ projectId: PROJECT, id }), 'VALIDATION');
      }
      expect(await store.heuristics.count({ projectId: PROJECT })).toBe(0);
    });

    it('a forged cursor: wrong type, impossible value or a bad id', async () => {
      const { store } = await context.open();
      for (let i = 0; i < 3; i++) await store.heuristics.put(sampleInput('heuristic', { confidence: i / 4 }));
      const where = { projectId: PROJECT };
      const id = (await store.heuristics.find({ where, limit: 1 })).items[0]!.id;
      const byDate = { field: 'createdAt', direction: 'asc' } as const;
      const byConfidence = { field: 'confidence', direction: 'asc' } as const;
      const cases: [typeof byDate | typeof byConfidence, Record<string, unknown>][] = [
        [byDate, { f: 'createdAt', d: 'asc', t: 'date', v: 1e300, id }],
        [byDate, { f: 'createdAt', d: 'asc', t: 'date', v: Number.NaN, id }],
        [byDate, { f: 'createdAt', d: 'asc', t: 'string', v: 'yesterday', id }],
        [byDate, { f: 'createdAt', d: 'asc', t: 'number', v: 5, id }],
        [byDate, { f: 'createdAt', d: 'asc', t: 'date', v: 0, id: 'not-a-uuid' }],
        [byDate, { f: 'createdAt', d: 'asc', t: 'date', v: 0, id: 7 }],
        [byConfidence, { f: 'confidence', d: 'asc', t: 'number', v: 1e300, id }],
        [byConfidence, { f: 'confidence', d: 'asc', t: 'number', v: -1, id }],
        [byConfidence, { f: 'confidence', d: 'asc', t: 'date', v: 0, id }],
      ];
      for (const [orderBy, body] of cases) {
        await expectAlmaError(store.heuristics.find({ where, orderBy, cursor: forged(body) }), 'VALIDATION');
      }
      // A cursor the store issued still works: the checks refuse only what it could not have written.
      const page = await store.heuristics.find({ where, orderBy: byConfidence, limit: 1 });
      const next = await store.heuristics.find({ where, orderBy: byConfidence, cursor: page.nextCursor! });
      expect(next.items).toHaveLength(2);
    });
  });
}
