import { describe, expect, it } from 'vitest';
import { seededRandom, uniformVector } from '../synthetic-vectors.js';
import { expectSameHits } from '../vector-assertions.js';
import {
  clause,
  PROJECT,
  RowModel,
  referenceSearch,
  sampleRows,
  TEST_COLUMNS,
  TEST_VECTOR_DIMENSION,
  where,
} from '../vector-fixtures.js';
import type { VectorSpecContext } from '../vector-spec-context.js';

export function vectorOptimizeSpec(context: VectorSpecContext): void {
  const { exactSearch } = context.harness.capabilities;

  describe('optimize', () => {
    it('changes no answer after many small writes and deletes', async () => {
      const { index } = await context.open();
      const model = new RowModel();
      const rows = sampleRows(120, 80);
      for (let start = 0; start < rows.length; start += 4) {
        const batch = rows.slice(start, start + 4);
        await index.upsert(batch);
        model.upsert(batch);
      }
      const doomed = rows.filter((_, i) => i % 7 === 0).map(({ projectId, id }) => ({ projectId, id }));
      await index.delete(doomed);
      model.delete(doomed);
      const random = seededRandom(81);
      const queries = Array.from({ length: 4 }, () => uniformVector(random, TEST_VECTOR_DIMENSION));
      const filter = where(PROJECT, clause.ne('agent', 'key', 'planner'));
      const before = await Promise.all(queries.map((vector) => index.search({ vector, k: 15, filter })));
      const status = await index.optimize();
      expect(status.rows).toBe(model.values().length);
      for (const [q, vector] of queries.entries()) {
        const after = await index.search({ vector, k: 15, filter });
        expectSameHits(after, before[q]!);
        if (exactSearch)
          expectSameHits(after, referenceSearch(model.values(), TEST_COLUMNS, vector, 15, filter));
      }
    });
  });
}
