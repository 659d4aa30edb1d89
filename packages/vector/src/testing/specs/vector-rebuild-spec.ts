import { describe, expect, it } from 'vitest';
import type { VectorRow } from '../../vector-index.js';
import { expectSameHits, expectVectorError } from '../vector-assertions.js';
import {
  OTHER_PROJECT,
  PROJECT,
  RowModel,
  referenceSearch,
  sampleRows,
  TEST_COLUMNS,
  where,
} from '../vector-fixtures.js';
import type { VectorSpecContext } from '../vector-spec-context.js';

async function* stream(rows: readonly VectorRow[]): AsyncIterable<VectorRow> {
  for (const row of rows) yield row;
}

export function vectorRebuildSpec(context: VectorSpecContext): void {
  const { exactSearch } = context.harness.capabilities;

  describe('rebuild', () => {
    it('replaces the whole content with the streamed rows; the last duplicate wins', async () => {
      const { index } = await context.open();
      const stale = sampleRows(40, 90, { idPrefix: 'stale' });
      await index.upsert(stale);
      const fresh = [...sampleRows(30, 91), ...sampleRows(10, 92, { projectId: OTHER_PROJECT })];
      const replaced = { ...fresh[3]!, vector: fresh[4]!.vector };
      const model = new RowModel();
      model.upsert([...fresh, replaced]);
      expect(await index.rebuild(stream([...fresh, replaced]))).toBe(40);
      expect(await index.count()).toBe(40);
      expect(await index.count(where(PROJECT))).toBe(30);
      const hits = await index.search({ vector: stale[0]!.vector, k: 100, filter: where(PROJECT) });
      expect(hits.filter((hit) => hit.id.startsWith('stale'))).toEqual([]);
      if (exactSearch)
        expectSameHits(
          hits,
          referenceSearch(model.values(), TEST_COLUMNS, stale[0]!.vector, 100, where(PROJECT)),
        );
      expect(await index.rebuild([])).toBe(0);
    });

    it('refuses a bad row in the stream', async () => {
      const { index } = await context.open();
      const [good] = sampleRows(1, 93);
      const bad = { ...good!, id: 'bad', vector: new Float32Array(3) };
      await expectVectorError(index.rebuild(stream([good!, bad])), 'DIMENSION_MISMATCH');
    });
  });
}
