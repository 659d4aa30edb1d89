import type { NormalizedFilter } from '@alma/core';
import { itNeeding } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { seededRandom, uniformVector } from '../synthetic-vectors.js';
import { expectSameHits, expectVectorError } from '../vector-assertions.js';
import {
  clause,
  HOSTILE_STRINGS,
  OTHER_PROJECT,
  PROJECT,
  RowModel,
  referenceSearch,
  sampleRows,
  TEST_COLUMNS,
  TEST_INSTANTS,
  TEST_VECTOR_DIMENSION,
  where,
} from '../vector-fixtures.js';
import type { VectorSpecContext } from '../vector-spec-context.js';

/** Filters over every clause kind and column type, null semantics included. */
function filterCases(metadata: boolean): NormalizedFilter[] {
  const [year1, preEpoch, recent, year9999] = TEST_INSTANTS as [Date, Date, Date, Date];
  const cases = [
    where(PROJECT),
    where(PROJECT, clause.eq('agent', 'key', 'coder')),
    where(PROJECT, clause.eq('agent', 'key', null)),
    where(PROJECT, clause.ne('agent', 'key', 'coder')),
    where(PROJECT, clause.ne('agent', 'key', null)),
    where(PROJECT, clause.in('agent', 'key', ['coder', 'planner'])),
    where(PROJECT, clause.eq('confidence', 'number', -3.5)),
    where(PROJECT, clause.eq('confidence', 'number', 1e-7)),
    where(PROJECT, clause.range('gt', 'confidence', 'number', 0.1)),
    where(
      PROJECT,
      clause.range('gte', 'confidence', 'number', 0.1),
      clause.range('lt', 'confidence', 'number', 1),
    ),
    where(PROJECT, clause.range('lte', 'confidence', 'number', -0)),
    where(PROJECT, clause.eq('occurrenceCount', 'integer', Number.MAX_SAFE_INTEGER)),
    where(PROJECT, clause.range('lt', 'occurrenceCount', 'integer', 2)),
    where(PROJECT, clause.in('occurrenceCount', 'integer', [0, 7])),
    where(PROJECT, clause.eq('verified', 'boolean', true)),
    where(PROJECT, clause.ne('verified', 'boolean', true)),
    where(PROJECT, clause.eq('verified', 'boolean', null)),
    where(PROJECT, clause.eq('lastSeen', 'instant', recent)),
    where(PROJECT, clause.range('lt', 'lastSeen', 'instant', new Date(0))),
    where(
      PROJECT,
      clause.range('gte', 'lastSeen', 'instant', preEpoch),
      clause.range('lte', 'lastSeen', 'instant', recent),
    ),
    where(PROJECT, clause.in('lastSeen', 'instant', [year1, year9999])),
    where(PROJECT, clause.range('gt', 'lastSeen', 'instant', new Date(recent.getTime() - 1))),
    where(PROJECT, clause.eq('note', 'text', null)),
    where(PROJECT, clause.eq('id', 'id', 'row-00007')),
    where(PROJECT, clause.in('id', 'id', ['row-00001', 'row-00002', 'nope'])),
    where(
      PROJECT,
      clause.eq('agent', 'key', 'coder'),
      clause.eq('verified', 'boolean', false),
      clause.ne('note', 'text', '%'),
    ),
    where(OTHER_PROJECT, clause.eq('agent', 'key', 'reviewer')),
  ];
  if (!metadata) return cases;
  return [
    ...cases,
    where(PROJECT, clause.metadata('lang', 'ts')),
    where(PROJECT, clause.metadata('tier', 1)),
    where(PROJECT, clause.metadata('tier', '1')),
    where(PROJECT, clause.metadata('flag', false)),
    where(PROJECT, clause.metadata('lang', "x' OR '1'='1")),
    where(PROJECT, clause.metadata('nested', 'ts')),
    where(PROJECT, clause.metadata('lang', 'ts'), clause.eq('agent', 'key', 'coder')),
  ];
}

export function vectorFilterSpec(context: VectorSpecContext): void {
  const { exactSearch, metadataFilter } = context.harness.capabilities;

  describe('prefilter', () => {
    it('keeps exactly the rows core would keep, for every clause kind and type', async () => {
      const { index } = await context.open();
      const model = new RowModel();
      model.upsert(sampleRows(160, 30));
      model.upsert(sampleRows(40, 31, { projectId: OTHER_PROJECT }));
      await index.upsert(model.values());
      const random = seededRandom(32);
      for (const filter of filterCases(metadataFilter)) {
        const vector = uniformVector(random, TEST_VECTOR_DIMENSION);
        const hits = await index.search({ vector, k: 1000, filter });
        const truth = referenceSearch(model.values(), TEST_COLUMNS, vector, 1000, filter);
        const label = JSON.stringify(filter);
        expect(new Set(hits.map((hit) => hit.id)), label).toEqual(new Set(truth.map((hit) => hit.id)));
        if (exactSearch) expectSameHits(hits, truth);
        expect(await index.count(filter), label).toBe(truth.length);
      }
    });

    it('treats hostile strings as data: quotes, backslashes, %, _, unicode never change the predicate', async () => {
      const { index } = await context.open();
      const random = seededRandom(33);
      const rows = HOSTILE_STRINGS.map((text, i) => ({
        projectId: PROJECT,
        id: `hostile-${i}`,
        vector: uniformVector(random, TEST_VECTOR_DIMENSION),
        fields: { agent: text, note: text },
        metadata: { tag: text },
      }));
      const plain = { projectId: PROJECT, id: 'plain', vector: uniformVector(random, TEST_VECTOR_DIMENSION) };
      await index.upsert([...rows, plain]);
      const vector = uniformVector(random, TEST_VECTOR_DIMENSION);
      const ids = async (filter: NormalizedFilter) =>
        (await index.search({ vector, k: 100, filter })).map((hit) => hit.id).sort();
      for (const [i, text] of HOSTILE_STRINGS.entries()) {
        const own = [`hostile-${i}`];
        expect(await ids(where(PROJECT, clause.eq('note', 'text', text))), text).toEqual(own);
        expect(await ids(where(PROJECT, clause.in('agent', 'key', [text, 'no such agent']))), text).toEqual(
          own,
        );
        const others = [...rows.map((row) => row.id).filter((id) => id !== own[0]), 'plain'].sort();
        expect(await ids(where(PROJECT, clause.ne('agent', 'key', text))), text).toEqual(others);
        if (metadataFilter)
          expect(await ids(where(PROJECT, clause.metadata('tag', text))), text).toEqual(own);
      }
    });

    itNeeding(context.harness.capabilities, { metadataFilter: false })(
      'says UNSUPPORTED for metadata clauses',
      async () => {
        const { index } = await context.open();
        const vector = new Float32Array(TEST_VECTOR_DIMENSION).fill(1);
        await expectVectorError(
          index.search({ vector, k: 1, filter: where(PROJECT, clause.metadata('lang', 'ts')) }),
          'UNSUPPORTED',
        );
      },
    );

    it('refuses a column the index lacks (UNSUPPORTED) and a value of the wrong type (VALIDATION)', async () => {
      const { index } = await context.open();
      const vector = new Float32Array(TEST_VECTOR_DIMENSION).fill(1);
      const search = (filter: NormalizedFilter) => index.search({ vector, k: 1, filter });
      await expectVectorError(search(where(PROJECT, clause.eq('strategy', 'text', 'x'))), 'UNSUPPORTED');
      await expectVectorError(index.count(where(PROJECT, clause.eq('strategy', 'text', 'x'))), 'UNSUPPORTED');
      await expectVectorError(search(where(PROJECT, clause.eq('agent', 'number', 5))), 'VALIDATION');
      await expectVectorError(
        search(where(PROJECT, clause.eq('confidence', 'number', Number.NaN))),
        'VALIDATION',
      );
      await expectVectorError(search(where(PROJECT, clause.range('gt', 'agent', 'key', 'a'))), 'VALIDATION');
      await expectVectorError(
        search(where(PROJECT, clause.eq('lastSeen', 'instant', new Date(Number.NaN)))),
        'VALIDATION',
      );
      await expectVectorError(search(where("p' OR '1'='1")), 'VALIDATION');
    });
  });
}
