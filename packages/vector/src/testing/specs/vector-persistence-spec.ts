import { itNeeding } from '@alma/core/testing';
import { describe, expect } from 'vitest';
import { seededRandom, uniformVector } from '../synthetic-vectors.js';
import { expectSameHits, expectVectorError } from '../vector-assertions.js';
import {
  PROJECT,
  RowModel,
  referenceSearch,
  sampleRows,
  TEST_COLUMNS,
  TEST_VECTOR_DIMENSION,
  where,
} from '../vector-fixtures.js';
import type { VectorSpecContext } from '../vector-spec-context.js';

export function vectorPersistenceSpec(context: VectorSpecContext): void {
  const { exactSearch } = context.harness.capabilities;

  describe('persistence', () => {
    itNeeding(context.harness.capabilities, { persistent: true })(
      'keeps rows and deletes across close and reopen',
      async () => {
        const opened = await context.open();
        const model = new RowModel();
        model.upsert(sampleRows(50, 110));
        await opened.index.upsert(model.values());
        const doomed = model
          .values()
          .slice(0, 5)
          .map(({ projectId, id }) => ({ projectId, id }));
        await opened.index.delete(doomed);
        model.delete(doomed);
        const index = await opened.reopen();
        expect(await index.count()).toBe(45);
        const vector = uniformVector(seededRandom(111), TEST_VECTOR_DIMENSION);
        const hits = await index.search({ vector, k: 50, filter: where(PROJECT) });
        expect(hits).toHaveLength(45);
        if (exactSearch)
          expectSameHits(hits, referenceSearch(model.values(), TEST_COLUMNS, vector, 50, where(PROJECT)));
      },
    );

    itNeeding(context.harness.capabilities, { persistent: true })(
      'refuses to reopen with another dimension (DIMENSION_MISMATCH)',
      async () => {
        const opened = await context.open();
        await opened.index.upsert(sampleRows(3, 112));
        await expectVectorError(
          opened.reopen({ dimension: TEST_VECTOR_DIMENSION * 2 }),
          'DIMENSION_MISMATCH',
        );
      },
    );
  });
}
