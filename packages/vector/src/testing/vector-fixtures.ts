import { type Clause, matchesFilter, type NormalizedFilter, type Scalar } from '@alma/core';
import { cosineTopK, normalizeInto } from '../exact/exact-kernel.js';
import { defineVectorColumns, type VectorColumns } from '../vector-columns.js';
import type { VectorHit, VectorRow } from '../vector-index.js';
import { refKey } from '../vector-input.js';
import { seededRandom, uniformVector } from './synthetic-vectors.js';

/** The project most rows belong to. */
export const PROJECT = 'proj-a';
/** A second project, to prove isolation. */
export const OTHER_PROJECT = 'proj-b';
/** Small vectors keep the suite fast; 16 is enough for distinct, untied similarities. */
export const TEST_VECTOR_DIMENSION = 16;

/** One column of every type a vector index holds. */
export const TEST_COLUMNS: VectorColumns = defineVectorColumns([
  { field: 'agent', type: 'key' },
  { field: 'confidence', type: 'number' },
  { field: 'occurrenceCount', type: 'integer' },
  { field: 'verified', type: 'boolean' },
  { field: 'lastSeen', type: 'instant' },
  { field: 'note', type: 'text' },
]);

/** Strings that would change a predicate if any compiler pasted them in unquoted. */
export const HOSTILE_STRINGS: readonly string[] = [
  "x' OR '1'='1",
  "'; DROP TABLE alma; --",
  'back\\slash',
  "back\\' OR TRUE --",
  '100%',
  'a_b',
  '%',
  '_',
  'ünïcödé 😀 中文',
  '"double" `tick`',
  'line\nbreak\ttab',
  ') OR (TRUE',
  '\u001f',
  '',
];

/** Instants at the edges of what every backend stores: year 1, just before 1970, a millisecond, year 9999. */
export const TEST_INSTANTS: readonly Date[] = [
  new Date('0001-01-01T00:00:00.000Z'),
  new Date('1969-12-31T23:59:59.999Z'),
  new Date('2026-01-15T10:00:00.001Z'),
  new Date('9999-12-31T23:59:59.999Z'),
];

/** Deterministic rows with values of every kind, nulls included, in two projects. */
export function sampleRows(
  count: number,
  seed: number,
  options: { projectId?: string; idPrefix?: string } = {},
): VectorRow[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: count }, (_, i) => ({
    projectId: options.projectId ?? PROJECT,
    id: `${options.idPrefix ?? 'row'}-${String(i).padStart(5, '0')}`,
    vector: uniformVector(random, TEST_VECTOR_DIMENSION),
    fields: {
      agent: pick(['coder', 'reviewer', 'planner', null]),
      confidence: pick([0, 0.1, 0.5, 0.9, 1, -3.5, 1e-7, null]),
      occurrenceCount: pick([0, 1, 2, 7, Number.MAX_SAFE_INTEGER, null]),
      verified: pick([true, false, null]),
      lastSeen: pick([...TEST_INSTANTS, null]),
      note: pick([...HOSTILE_STRINGS, null]),
    },
    metadata: pick([
      { lang: 'ts', tier: 1, flag: true },
      { lang: 'py', tier: '1', flag: false },
      { lang: "x' OR '1'='1", tier: 2 },
      { nested: { lang: 'ts' } },
      {},
    ]),
  }));
}

/** The row as core sees a record: every column present (null when absent), metadata an object. */
export function asRecord(row: VectorRow, columns: VectorColumns): Record<string, unknown> {
  const record: Record<string, unknown> = {
    projectId: row.projectId,
    id: row.id,
    metadata: row.metadata ?? {},
  };
  for (const column of columns) record[column.field] = row.fields?.[column.field] ?? null;
  return record;
}

/**
 * Ground truth: rows matching the filter by core's own semantics (`matchesFilter`), ranked by the
 * exact kernel, ties by id. Every index, exact or not, is measured against this.
 */
export function referenceSearch(
  rows: Iterable<VectorRow>,
  columns: VectorColumns,
  query: Float32Array,
  k: number,
  filter: NormalizedFilter,
): VectorHit[] {
  const live = [...rows].filter((row) => matchesFilter(asRecord(row, columns), filter));
  const dimension = query.length;
  const block = new Float32Array(live.length * dimension);
  live.forEach((row, i) => {
    normalizeInto(row.vector, block, i * dimension);
  });
  const unit = new Float32Array(dimension);
  normalizeInto(query, unit, 0);
  const hits = cosineTopK(block, dimension, live.length, unit, k, {
    before: (a, b) => live[a]!.id < live[b]!.id,
  });
  return hits.map(({ row, score }) => ({ projectId: live[row]!.projectId, id: live[row]!.id, score }));
}

/** Rows matching the filter, by core's semantics. */
export function referenceCount(
  rows: Iterable<VectorRow>,
  columns: VectorColumns,
  filter: NormalizedFilter,
): number {
  return [...rows].filter((row) => matchesFilter(asRecord(row, columns), filter)).length;
}

/** The contents of an index as a test keeps them: the last upsert per ref, minus deletes. */
export class RowModel {
  private readonly rows = new Map<string, VectorRow>();

  upsert(rows: readonly VectorRow[]): void {
    for (const row of rows) this.rows.set(refKey(row.projectId, row.id), row);
  }

  delete(refs: readonly { projectId: string; id: string }[]): void {
    for (const ref of refs) this.rows.delete(refKey(ref.projectId, ref.id));
  }

  values(): VectorRow[] {
    return [...this.rows.values()];
  }
}

/** A filter in canonical form, from a project and clauses. */
export function where(projectId: string, ...clauses: Clause[]): NormalizedFilter {
  return { projectId, clauses };
}

type ClauseType = Exclude<Clause, { kind: 'metadata' }>['type'];

/** Clause builders for the test columns. */
export const clause = {
  eq: (field: string, type: ClauseType, value: Scalar | null): Clause => ({ kind: 'eq', field, type, value }),
  ne: (field: string, type: ClauseType, value: Scalar | null): Clause => ({ kind: 'ne', field, type, value }),
  in: (field: string, type: ClauseType, values: Scalar[]): Clause => ({ kind: 'in', field, type, values }),
  range: (kind: 'gt' | 'gte' | 'lt' | 'lte', field: string, type: ClauseType, value: Scalar): Clause => ({
    kind,
    field,
    type,
    value,
  }),
  metadata: (key: string, value: string | number | boolean): Clause => ({ kind: 'metadata', key, value }),
};
