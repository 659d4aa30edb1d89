import { describe, expect, it } from 'vitest';
import {
  clause,
  OTHER_PROJECT,
  PROJECT,
  RowModel,
  referenceCount,
  sampleRows,
  TEST_COLUMNS,
  where,
} from '../vector-fixtures.js';
import type { VectorSpecContext } from '../vector-spec-context.js';

export function vectorCountSpec(context: VectorSpecContext): void {
  describe('count', () => {
    it('counts every row, or the rows a filter keeps, and follows deletes', async () => {
      const { index } = await context.open();
      const model = new RowModel();
      model.upsert(sampleRows(70, 40));
      model.upsert(sampleRows(30, 41, { projectId: OTHER_PROJECT }));
      await index.upsert(model.values());
      expect(await index.count()).toBe(100);
      const filters = [
        where(PROJECT),
        where(OTHER_PROJECT),
        where('nobody'),
        where(PROJECT, clause.eq('agent', 'key', 'planner'), clause.range('gt', 'confidence', 'number', 0)),
      ];
      for (const filter of filters)
        expect(await index.count(filter)).toBe(referenceCount(model.values(), TEST_COLUMNS, filter));
      const doomed = model
        .values()
        .slice(0, 12)
        .map(({ projectId, id }) => ({ projectId, id }));
      await index.delete(doomed);
      model.delete(doomed);
      expect(await index.count()).toBe(88);
      for (const filter of filters)
        expect(await index.count(filter)).toBe(referenceCount(model.values(), TEST_COLUMNS, filter));
      expect((await index.status()).rows).toBe(88);
    });
  });
}
