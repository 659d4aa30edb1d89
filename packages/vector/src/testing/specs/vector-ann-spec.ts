import { itNeeding } from '@alma/core/testing';
import { describe, expect } from 'vitest';
import type { VectorRow } from '../../vector-index.js';
import { clusteredVectors, seededRandom } from '../synthetic-vectors.js';
import { expectSameHits, recallOf } from '../vector-assertions.js';
import {
  clause,
  PROJECT,
  RowModel,
  referenceSearch,
  TEST_COLUMNS,
  TEST_VECTOR_DIMENSION,
  where,
} from '../vector-fixtures.js';
import type { VectorSpecContext } from '../vector-spec-context.js';

/** Recall an approximate index must reach on the suite's small clustered data. */
export const MIN_ANN_RECALL = 0.9;
const ROWS = 2_000;

function clusteredRows(count: number, seed: number, idPrefix = 'ann'): VectorRow[] {
  const points = clusteredVectors({ dimension: TEST_VECTOR_DIMENSION, clusters: 20, spread: 1, seed });
  const random = seededRandom(seed + 1);
  return Array.from({ length: count }, (_, i) => ({
    projectId: PROJECT,
    id: `${idPrefix}-${String(i).padStart(5, '0')}`,
    vector: points.next(),
    // About 10% of rows pass the filter, like the benchmark's selective case.
    fields: { agent: random() < 0.1 ? 'rare' : 'common', confidence: Math.round(random() * 10) / 10 },
  }));
}

export function vectorAnnSpec(context: VectorSpecContext): void {
  describe('approximate index', () => {
    itNeeding(context.harness.capabilities, { annIndex: true })(
      `reaches recall@10 ≥ ${MIN_ANN_RECALL} after buildIndex, with and without a filter`,
      async () => {
        const { index } = await context.open();
        const model = new RowModel();
        model.upsert(clusteredRows(ROWS, 50));
        await index.upsert(model.values());
        const status = await index.buildIndex();
        expect(status.ann).not.toBe('none');
        expect(status.rows).toBe(ROWS);
        const queries = clusteredVectors({
          dimension: TEST_VECTOR_DIMENSION,
          clusters: 20,
          spread: 1,
          seed: 50,
        });
        const tally = { plain: { found: 0, wanted: 0 }, filtered: { found: 0, wanted: 0 } };
        for (let q = 0; q < 20; q++) {
          const vector = queries.next();
          const filtered = q % 2 === 1;
          const filter = filtered ? where(PROJECT, clause.eq('agent', 'key', 'rare')) : where(PROJECT);
          const hits = await index.search({ vector, k: 10, filter });
          const truth = referenceSearch(model.values(), TEST_COLUMNS, vector, 10, filter);
          const byId = new Map(model.values().map((row) => [row.id, row]));
          for (const hit of hits) {
            if (filtered) expect(byId.get(hit.id)?.fields?.agent).toBe('rare');
          }
          const { found, wanted } = recallOf(hits, truth);
          const bucket = filtered ? tally.filtered : tally.plain;
          bucket.found += found;
          bucket.wanted += wanted;
        }
        expect(tally.plain.found / tally.plain.wanted).toBeGreaterThanOrEqual(MIN_ANN_RECALL);
        expect(tally.filtered.found / tally.filtered.wanted).toBeGreaterThanOrEqual(MIN_ANN_RECALL);
      },
    );

    itNeeding(context.harness.capabilities, { annIndex: true })(
      'finds rows written after the build, never returns deleted ones, applies upserts',
      async () => {
        const { index } = await context.open();
        const rows = clusteredRows(ROWS, 60);
        await index.upsert(rows);
        expect((await index.buildIndex()).ann).not.toBe('none');
        const later = clusteredRows(40, 61, 'later');
        await index.upsert(later);
        for (const row of later.slice(0, 8)) {
          const [best] = await index.search({ vector: row.vector, k: 1, filter: where(PROJECT) });
          expect(best?.id).toBe(row.id);
          expect(best?.score).toBeCloseTo(1, 6);
        }
        const doomed = [...rows.slice(0, 20), ...later.slice(0, 5)];
        await index.delete(doomed.map(({ projectId, id }) => ({ projectId, id })));
        const gone = new Set(doomed.map((row) => row.id));
        for (const row of doomed.slice(0, 10)) {
          const hits = await index.search({ vector: row.vector, k: 50, filter: where(PROJECT) });
          expect(hits.filter((hit) => gone.has(hit.id))).toEqual([]);
          expect(hits).toHaveLength(50);
        }
        const moved = { ...rows[100]!, vector: later[30]!.vector.map((x) => -x), fields: { agent: 'moved' } };
        await index.upsert([moved]);
        const hits = await index.search({
          vector: moved.vector,
          k: 1,
          filter: where(PROJECT, clause.eq('agent', 'key', 'moved')),
        });
        expect(hits.map((hit) => hit.id)).toEqual([moved.id]);
        expect(hits[0]?.score).toBeCloseTo(1, 6);
        expect((await index.optimize()).ann).not.toBe('none');
        expect(await index.count()).toBe(ROWS + 40 - 25);
      },
    );

    itNeeding(context.harness.capabilities, { annIndex: false })(
      'keeps searching exactly when asked to build an index it does not have',
      async () => {
        const { index } = await context.open();
        const model = new RowModel();
        model.upsert(clusteredRows(300, 70));
        await index.upsert(model.values());
        expect((await index.buildIndex()).ann).toBe('none');
        const vector = clusteredVectors({
          dimension: TEST_VECTOR_DIMENSION,
          clusters: 20,
          spread: 1,
          seed: 71,
        }).next();
        const hits = await index.search({ vector, k: 10, filter: where(PROJECT) });
        expectSameHits(hits, referenceSearch(model.values(), TEST_COLUMNS, vector, 10, where(PROJECT)));
      },
    );
  });
}
