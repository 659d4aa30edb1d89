import { describe, expect, it } from 'vitest';
import { OTHER_PROJECT, PROJECT, sampleRows, where } from '../vector-fixtures.js';
import type { VectorSpecContext } from '../vector-spec-context.js';

export function vectorDeleteSpec(context: VectorSpecContext): void {
  describe('delete', () => {
    it('removes rows and says how many existed', async () => {
      const { index } = await context.open();
      const rows = sampleRows(20, 10);
      await index.upsert(rows);
      const removed = await index.delete([
        { projectId: PROJECT, id: rows[0]!.id },
        { projectId: PROJECT, id: rows[5]!.id },
        { projectId: PROJECT, id: rows[9]!.id },
        { projectId: PROJECT, id: 'never-written' },
        { projectId: OTHER_PROJECT, id: rows[1]!.id },
      ]);
      expect(removed).toBe(3);
      expect(await index.count()).toBe(17);
      expect(await index.delete([])).toBe(0);
    });

    it('never returns a deleted id again, until it is written anew (DC-8)', async () => {
      const { index } = await context.open();
      const rows = sampleRows(40, 11);
      await index.upsert(rows);
      const doomed = rows.filter((_, i) => i % 4 === 0);
      await index.delete(doomed.map(({ projectId, id }) => ({ projectId, id })));
      await index.upsert(sampleRows(10, 12, { idPrefix: 'later' }));
      const gone = new Set(doomed.map((row) => row.id));
      for (const row of doomed.slice(0, 5)) {
        const hits = await index.search({ vector: row.vector, k: 100, filter: where(PROJECT) });
        expect(hits.filter((hit) => gone.has(hit.id))).toEqual([]);
        expect(hits).toHaveLength(40);
      }
      await index.upsert([doomed[0]!]);
      const [best] = await index.search({ vector: doomed[0]!.vector, k: 1, filter: where(PROJECT) });
      expect(best?.id).toBe(doomed[0]!.id);
    });

    it('deletes within one project only', async () => {
      const { index } = await context.open();
      const [row] = sampleRows(1, 13);
      await index.upsert([row!, { ...row!, projectId: OTHER_PROJECT }]);
      expect(await index.delete([{ projectId: PROJECT, id: row!.id }])).toBe(1);
      const theirs = await index.search({ vector: row!.vector, k: 5, filter: where(OTHER_PROJECT) });
      expect(theirs.map((hit) => hit.id)).toEqual([row!.id]);
      expect(await index.search({ vector: row!.vector, k: 5, filter: where(PROJECT) })).toEqual([]);
    });
  });
}
