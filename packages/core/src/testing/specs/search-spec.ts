import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../ids/uuid-v7.js';
import type { MemoryRecord } from '../../model/kinds.js';
import { MAX_WORD_BYTES } from '../../model/limits.js';
import { cosineSimilarity } from '../../vector-math/cosine.js';
import { itNeeding } from '../capability-gate.js';
import { expectAlmaError } from '../expect-error.js';
import { OTHER_PROJECT, PROJECT, randomVector, sampleInput, seededRandom } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

/** Recall an approximate backend must reach on the suite's small data. */
const MIN_RECALL = 0.9;

/** Exact top-k by brute force, ties to the smaller id: the ground truth for every backend. */
function exactTopK(records: MemoryRecord<'heuristic'>[], query: Float32Array, k: number) {
  return records
    .filter((record) => record.embedding)
    .map((record) => ({ record, similarity: cosineSimilarity(query, record.embedding!) }))
    .sort((a, b) => b.similarity - a.similarity || (a.record.id < b.record.id ? -1 : 1))
    .slice(0, k);
}

export function searchSpec(context: SpecContext): void {
  const exact = context.harness.capabilities.vectorSearch === 'exact';

  describe('search by vector', () => {
    it(
      exact ? 'ranks exactly as cosine similarity does, under a filter' : `reaches recall@10 ≥ ${MIN_RECALL}`,
      async () => {
        const { store } = await context.open();
        const random = seededRandom(42);
        const inputs = Array.from({ length: 300 }, (_, i) =>
          sampleInput('heuristic', {
            agent: i % 3 === 0 ? 'triad' : 'other',
            confidence: (i % 10) / 10,
            embedding: i % 5 === 4 ? null : randomVector(random),
          }),
        );
        const { items } = await store.heuristics.putMany(inputs);
        await store.heuristics.putMany(
          Array.from({ length: 50 }, () =>
            sampleInput('heuristic', { projectId: OTHER_PROJECT, embedding: randomVector(random) }),
          ),
        );
        let found = 0;
        let wanted = 0;
        for (let q = 0; q < 6; q++) {
          const query = randomVector(random);
          const filtered = q % 2 === 1;
          const where = filtered
            ? { projectId: PROJECT, agent: 'triad', confidence: { gte: 0.3 } }
            : { projectId: PROJECT };
          const pool = filtered ? items.filter((h) => h.agent === 'triad' && h.confidence >= 0.3) : items;
          const truth = exactTopK(pool, query, 10);
          const hits = await store.heuristics.search({ where, vector: query, k: 10 });
          for (const hit of hits) {
            expect(hit.record.projectId).toBe(PROJECT);
            expect(hit.record.embedding).not.toBeNull();
            if (filtered) expect(hit.record.agent === 'triad' && hit.record.confidence >= 0.3).toBe(true);
            expect(hit.similarity).toBeCloseTo(cosineSimilarity(query, hit.record.embedding!), 5);
            expect(hit.score).toBe(hit.similarity);
          }
          if (exact) {
            expect(hits.map((hit) => hit.record.id)).toEqual(truth.map((t) => t.record.id));
          } else {
            const truthIds = new Set(truth.map((t) => t.record.id));
            found += hits.filter((hit) => truthIds.has(hit.record.id)).length;
            wanted += truth.length;
          }
        }
        if (!exact) expect(found / wanted).toBeGreaterThanOrEqual(MIN_RECALL);
      },
    );

    it('breaks ties by the smaller id, and scores a stored zero vector 0, between the signs', async () => {
      const { store } = await context.open();
      const direction = Float32Array.from({ length: 8 }, (_, i) => (i === 0 ? 1 : 0));
      // Written largest id first, so that a store returning rows in the order it holds them picks wrong.
      const ids = Array.from({ length: 20 }, () => uuidv7()).sort();
      await store.heuristics.putMany(
        [...ids].reverse().map((id) => sampleInput('heuristic', { id, embedding: direction })),
      );
      const smallest = ids.slice(0, 3);
      const tied = await store.heuristics.search({ where: { projectId: PROJECT }, vector: direction, k: 3 });
      expect(tied.map((hit) => hit.record.id)).toEqual(smallest);
      const zero = await store.heuristics.put(
        sampleInput('heuristic', { projectId: OTHER_PROJECT, embedding: new Float32Array(8) }),
      );
      const opposite = await store.heuristics.put(
        sampleInput('heuristic', { projectId: OTHER_PROJECT, embedding: direction.map((x) => -x) }),
      );
      const along = await store.heuristics.put(
        sampleInput('heuristic', { projectId: OTHER_PROJECT, embedding: direction }),
      );
      const where = { projectId: OTHER_PROJECT };
      const ranked = await store.heuristics.search({ where, vector: direction, k: 2 });
      expect(ranked.map((hit) => hit.record.id)).toEqual([along.id, zero.id]);
      expect(ranked[1]?.score).toBe(0);
      const all = await store.heuristics.search({ where, vector: direction, k: 3 });
      expect(all.map((hit) => hit.record.id)).toEqual([along.id, zero.id, opposite.id]);
    });

    it('returns at most k hits, best first, and none for an empty project', async () => {
      const { store } = await context.open();
      const random = seededRandom(7);
      await store.heuristics.putMany(
        Array.from({ length: 30 }, () => sampleInput('heuristic', { embedding: randomVector(random) })),
      );
      const hits = await store.heuristics.search({
        where: { projectId: PROJECT },
        vector: randomVector(random),
        k: 5,
      });
      expect(hits).toHaveLength(5);
      const scores = hits.map((hit) => hit.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect(
        await store.heuristics.search({ where: { projectId: 'empty' }, vector: randomVector(random) }),
      ).toEqual([]);
    });

    it('rejects bad queries', async () => {
      const { store } = await context.open();
      const where = { projectId: PROJECT };
      await expectAlmaError(store.heuristics.search({ where, vector: [1, 2, 3] }), 'DIMENSION_MISMATCH');
      await expectAlmaError(
        store.heuristics.search({ where, vector: [Number.NaN, 0, 0, 0, 0, 0, 0, 0] }),
        'VALIDATION',
      );
      await expectAlmaError(store.heuristics.search({ where }), 'VALIDATION');
      await expectAlmaError(
        store.heuristics.search({ where, vector: new Float32Array(8), k: 0 }),
        'VALIDATION',
      );
      await expectAlmaError(
        store.heuristics.search({ where, vector: new Float32Array(8), k: 1001 }),
        'VALIDATION',
      );
    });
  });

  describe('search by text', () => {
    const texts = ['alpha beta gamma', 'beta delta', 'Gamma ALPHA, again alpha', 'epsilon', 'alphabet soup'];

    itNeeding(context.harness.capabilities, { textSearch: true })(
      'keeps records holding every word, any case',
      async () => {
        const { store } = await context.open();
        const { items } = await store.heuristics.putMany(
          texts.map((strategy, i) =>
            sampleInput('heuristic', { strategy, agent: i === 2 ? 'special' : 'coder' }),
          ),
        );
        await store.heuristics.put(
          sampleInput('heuristic', { projectId: OTHER_PROJECT, strategy: 'alpha gamma' }),
        );
        const ids = async (text: string, agent?: string) =>
          (
            await store.heuristics.search({
              where: { projectId: PROJECT, ...(agent ? { agent } : {}) },
              text,
              k: 10,
            })
          )
            .map((hit) => hit.record.id)
            .sort();
        expect(await ids('alpha gamma')).toEqual([items[0]!.id, items[2]!.id].sort());
        expect(await ids('ALPHA')).toEqual([items[0]!.id, items[2]!.id].sort());
        expect(await ids('alpha', 'special')).toEqual([items[2]!.id]);
        expect(await ids('zeta')).toEqual([]);
        await expectAlmaError(
          store.heuristics.search({ where: { projectId: PROJECT }, text: '?!' }),
          'VALIDATION',
        );
      },
    );

    itNeeding(context.harness.capabilities, { textSearch: true })(
      'fuses text and vector rankings, with real similarity',
      async () => {
        const { store } = await context.open();
        const query = Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0]);
        const { items } = await store.heuristics.putMany([
          sampleInput('heuristic', { strategy: 'retry with backoff', embedding: [1, 0.1, 0, 0, 0, 0, 0, 0] }),
          sampleInput('heuristic', { strategy: 'retry later', embedding: [0, 1, 0, 0, 0, 0, 0, 0] }),
          sampleInput('heuristic', { strategy: 'give up', embedding: [0.9, 0.2, 0, 0, 0, 0, 0, 0] }),
          sampleInput('heuristic', { strategy: 'retry without vector' }),
        ]);
        const hits = await store.heuristics.search({
          where: { projectId: PROJECT },
          vector: query,
          text: 'retry',
          k: 10,
        });
        expect(hits[0]?.record.id).toBe(items[0]!.id);
        expect(new Set(hits.map((hit) => hit.record.id))).toEqual(new Set(items.map((item) => item.id)));
        for (const hit of hits) {
          const expected = hit.record.embedding ? cosineSimilarity(query, hit.record.embedding) : null;
          if (expected === null) expect(hit.similarity).toBeNull();
          else expect(hit.similarity).toBeCloseTo(expected, 5);
        }
      },
    );

    itNeeding(context.harness.capabilities, { textSearch: true })(
      'a word past MAX_WORD_BYTES is searchable nowhere; the other words still are',
      async () => {
        const { store } = await context.open();
        const long = 'ü'.repeat(1_050); // 2,100 bytes of UTF-8: past PostgreSQL's tsvector limit
        const saved = await store.heuristics.put(sampleInput('heuristic', { condition: `${long} kettle` }));
        expect(Buffer.byteLength(long)).toBeGreaterThan(MAX_WORD_BYTES);
        await expectAlmaError(
          store.heuristics.search({ where: { projectId: PROJECT }, text: long }),
          'VALIDATION',
        );
        const hits = await store.heuristics.search({ where: { projectId: PROJECT }, text: 'kettle' });
        expect(hits.map((hit) => hit.record.id)).toEqual([saved.id]);
      },
    );

    itNeeding(context.harness.capabilities, { textSearch: false })(
      'says UNSUPPORTED where the backend has no text search',
      async () => {
        const { store } = await context.open();
        await expectAlmaError(
          store.heuristics.search({ where: { projectId: PROJECT }, text: 'alpha' }),
          'UNSUPPORTED',
        );
      },
    );
  });
}
