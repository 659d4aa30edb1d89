import { describe, expect, it } from 'vitest';
import { seededRandom, uniformVector } from '../synthetic-vectors.js';
import { expectSameHits } from '../vector-assertions.js';
import {
  clause,
  OTHER_PROJECT,
  PROJECT,
  referenceSearch,
  sampleRows,
  TEST_COLUMNS,
  where,
} from '../vector-fixtures.js';
import type { VectorSpecContext } from '../vector-spec-context.js';

export function vectorUpsertSpec(context: VectorSpecContext): void {
  describe('upsert', () => {
    it('inserts rows; each is found by its own vector with similarity 1', async () => {
      const { index } = await context.open();
      const rows = sampleRows(60, 1);
      await index.upsert(rows);
      expect(await index.count()).toBe(60);
      for (const row of rows.slice(0, 6)) {
        const [best] = await index.search({ vector: row.vector, k: 1, filter: where(PROJECT) });
        expect(best?.id).toBe(row.id);
        expect(best?.projectId).toBe(PROJECT);
        expect(best?.score).toBeCloseTo(1, 6);
      }
    });

    it('replaces the row with the same ref: new vector and new columns', async () => {
      const { index } = await context.open();
      const random = seededRandom(2);
      const before = {
        projectId: PROJECT,
        id: 'r1',
        vector: uniformVector(random, 16),
        fields: { agent: 'coder' },
      };
      const after = {
        projectId: PROJECT,
        id: 'r1',
        vector: uniformVector(random, 16),
        fields: { agent: 'reviewer' },
      };
      const other = {
        projectId: PROJECT,
        id: 'r2',
        vector: uniformVector(random, 16),
        fields: { agent: 'coder' },
      };
      await index.upsert([before, other]);
      await index.upsert([after]);
      expect(await index.count()).toBe(2);
      const agent = (value: string) => where(PROJECT, clause.eq('agent', 'key', value));
      expect(
        (await index.search({ vector: before.vector, k: 10, filter: agent('coder') })).map((h) => h.id),
      ).toEqual(['r2']);
      const hits = await index.search({ vector: before.vector, k: 10, filter: agent('reviewer') });
      expectSameHits(hits, referenceSearch([after], TEST_COLUMNS, before.vector, 10, agent('reviewer')));
    });

    it('keeps the last of duplicate refs within one batch', async () => {
      const { index } = await context.open();
      const [first, second] = sampleRows(2, 3);
      await index.upsert([first!, { ...second!, id: first!.id }]);
      expect(await index.count()).toBe(1);
      const [best] = await index.search({ vector: second!.vector, k: 1, filter: where(PROJECT) });
      expect(best?.score).toBeCloseTo(1, 6);
    });

    it('keeps the same id in two projects as two rows', async () => {
      const { index } = await context.open();
      const [row] = sampleRows(1, 4);
      const elsewhere = { ...row!, projectId: OTHER_PROJECT, vector: row!.vector.map((x) => -x) };
      await index.upsert([row!, elsewhere]);
      expect(await index.count()).toBe(2);
      const mine = await index.search({ vector: row!.vector, k: 5, filter: where(PROJECT) });
      const theirs = await index.search({ vector: row!.vector, k: 5, filter: where(OTHER_PROJECT) });
      expect(mine.map((h) => [h.projectId, h.id])).toEqual([[PROJECT, row!.id]]);
      expect(theirs.map((h) => [h.projectId, h.id])).toEqual([[OTHER_PROJECT, row!.id]]);
      expect(theirs[0]?.score).toBeCloseTo(-1, 6);
    });

    it('treats an empty batch as nothing to do', async () => {
      const { index } = await context.open();
      await index.upsert([]);
      expect(await index.count()).toBe(0);
    });
  });
}
