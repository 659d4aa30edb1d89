import { itNeeding } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { seededRandom, uniformVector } from '../synthetic-vectors.js';
import { expectSameHits } from '../vector-assertions.js';
import {
  clause,
  OTHER_PROJECT,
  PROJECT,
  RowModel,
  referenceSearch,
  sampleRows,
  TEST_COLUMNS,
  TEST_VECTOR_DIMENSION,
  where,
} from '../vector-fixtures.js';
import type { VectorSpecContext } from '../vector-spec-context.js';

export function vectorSearchSpec(context: VectorSpecContext): void {
  describe('search', () => {
    itNeeding(context.harness.capabilities, { exactSearch: true })(
      'ranks exactly as the exact kernel does, with and without a filter',
      async () => {
        const { index } = await context.open();
        const model = new RowModel();
        model.upsert(sampleRows(300, 20));
        model.upsert(sampleRows(50, 21, { projectId: OTHER_PROJECT }));
        await index.upsert(model.values());
        const random = seededRandom(22);
        const filters = [
          where(PROJECT),
          where(PROJECT, clause.eq('agent', 'key', 'coder')),
          where(
            PROJECT,
            clause.range('gte', 'confidence', 'number', 0.5),
            clause.ne('verified', 'boolean', false),
          ),
          where(OTHER_PROJECT),
        ];
        for (const filter of filters) {
          for (const k of [1, 10, 37]) {
            const vector = uniformVector(random, TEST_VECTOR_DIMENSION);
            const hits = await index.search({ vector, k, filter });
            expectSameHits(hits, referenceSearch(model.values(), TEST_COLUMNS, vector, k, filter));
          }
        }
      },
    );

    it('returns at most k hits, best first, and none for an empty project', async () => {
      const { index } = await context.open();
      await index.upsert(sampleRows(30, 23));
      const vector = uniformVector(seededRandom(24), TEST_VECTOR_DIMENSION);
      const hits = await index.search({ vector, k: 5, filter: where(PROJECT) });
      expect(hits).toHaveLength(5);
      const scores = hits.map((hit) => hit.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect(await index.search({ vector, k: 5, filter: where('nobody') })).toEqual([]);
      expect(await index.search({ vector, k: 100, filter: where(PROJECT) })).toHaveLength(30);
    });

    itNeeding(context.harness.capabilities, { exactSearch: true })('breaks ties by id', async () => {
      const { index } = await context.open();
      const random = seededRandom(25);
      const shared = uniformVector(random, TEST_VECTOR_DIMENSION);
      const twins = ['e', 'c', 'a', 'd', 'b'].map((id) => ({ projectId: PROJECT, id, vector: shared }));
      await index.upsert([...twins, ...sampleRows(20, 26)]);
      const hits = await index.search({ vector: shared, k: 3, filter: where(PROJECT) });
      expect(hits.map((hit) => hit.id)).toEqual(['a', 'b', 'c']);
    });

    itNeeding(context.harness.capabilities, { exactSearch: true })(
      'scores a zero vector 0 and ranks it between positive and negative matches',
      async () => {
        const { index } = await context.open();
        const axis = (value: number) =>
          Float32Array.from({ length: TEST_VECTOR_DIMENSION }, (_, i) => (i === 0 ? value : 0));
        await index.upsert([
          { projectId: PROJECT, id: 'negative', vector: axis(-1) },
          { projectId: PROJECT, id: 'zero', vector: axis(0) },
          { projectId: PROJECT, id: 'positive', vector: axis(2) },
        ]);
        const hits = await index.search({ vector: axis(1), k: 3, filter: where(PROJECT) });
        expect(hits.map((hit) => [hit.id, hit.score])).toEqual([
          ['positive', 1],
          ['zero', 0],
          ['negative', -1],
        ]);
        const flat = await index.search({ vector: axis(0), k: 2, filter: where(PROJECT) });
        expect(flat.map((hit) => [hit.id, hit.score])).toEqual([
          ['negative', 0],
          ['positive', 0],
        ]);
      },
    );
  });
}
