import { createRequire } from 'node:module';
import type * as ArrowModule from 'apache-arrow';
import { normalizeInto } from '../exact/exact-kernel.js';
import { metadataTerms } from '../metadata-terms.js';
import type { VectorColumns, VectorColumnType } from '../vector-columns.js';
import type { VectorRow } from '../vector-index.js';
import { refKey } from '../vector-input.js';

/**
 * @lancedb/lancedb is CommonJS and recognises Arrow tables with `instanceof` against the CommonJS
 * build of apache-arrow. Our ESM import would load the ESM build, whose classes are other objects
 * (the dual-package hazard): LanceDB then re-assembles the table structurally and rejects it. So
 * tables are built with the very copy LanceDB loads.
 */
const arrow = createRequire(import.meta.url)('apache-arrow') as typeof ArrowModule;

/** Arrow types as LanceDB receives them. */
export type ArrowSchema = ArrowModule.Schema;
/** An Arrow table built with LanceDB's own apache-arrow. */
export type ArrowTable = ArrowModule.Table;

function arrowTypeOf(type: VectorColumnType): ArrowModule.DataType {
  switch (type) {
    case 'key':
    case 'text':
      return new arrow.Utf8();
    // Float64 holds every integer the model allows (≤ 2^53) exactly, and needs no BigInt.
    case 'number':
    case 'integer':
      return new arrow.Float64();
    // Int8 (1, 0, null) rather than Bool: LanceDB 0.31's merge insert fails ("Spill has sent an
    // error") when a batch's Bool column is all null; Int8 has no such trouble.
    case 'boolean':
      return new arrow.Int8();
    case 'instant':
      return new arrow.TimestampMillisecond('UTC');
  }
}

/** The table layout: key, identity, normalised vector, zero flag, metadata terms, then the scalar columns. */
export function lanceSchema(dimension: number, columns: VectorColumns): ArrowSchema {
  return new arrow.Schema([
    new arrow.Field('ref', new arrow.Utf8(), false),
    new arrow.Field('project_id', new arrow.Utf8(), false),
    new arrow.Field('id', new arrow.Utf8(), false),
    new arrow.Field(
      'vector',
      new arrow.FixedSizeList(dimension, new arrow.Field('item', new arrow.Float32(), true)),
      false,
    ),
    new arrow.Field('zero_vector', new arrow.Bool(), false),
    new arrow.Field('metadata_terms', new arrow.List(new arrow.Field('item', new arrow.Utf8(), true)), true),
    ...columns.map((column) => new arrow.Field(column.storageName, arrowTypeOf(column.type), true)),
  ]);
}

/** Fields of a schema as comparable `name:type` strings. */
export function describeSchema(schema: ArrowSchema): string[] {
  return schema.fields.map((field) => `${field.name}:${String(field.type)}`);
}

/** The dimension of the schema's vector column, or null when it has none. */
export function dimensionOf(schema: ArrowSchema): number | null {
  const field = schema.fields.find((candidate) => candidate.name === 'vector');
  return field && arrow.DataType.isFixedSizeList(field.type) ? field.type.listSize : null;
}

function oneChunk(vector: ArrowModule.Vector): ArrowModule.Data {
  const [data, ...rest] = vector.data;
  if (!data || rest.length > 0) throw new Error('expected a single Arrow chunk');
  return data;
}

/** Rows (already validated) as one Arrow table in the schema's layout, vectors normalised. */
export function rowsToArrow(
  rows: readonly VectorRow[],
  schema: ArrowSchema,
  dimension: number,
  columns: VectorColumns,
): ArrowTable {
  const flat = new Float32Array(rows.length * dimension);
  const zero = rows.map((row, i) => !normalizeInto(row.vector, flat, i * dimension));
  const vectorType = schema.fields[3]!.type as ArrowModule.FixedSizeList;
  const child = arrow.makeData({ type: new arrow.Float32(), length: flat.length, data: flat });
  const vectors = arrow.makeData({ type: vectorType, length: rows.length, nullCount: 0, child });
  const utf8 = (values: (string | null)[]) => oneChunk(arrow.vectorFromArray(values, new arrow.Utf8()));
  const terms = arrow.vectorFromArray(
    rows.map((row) => metadataTerms(row.metadata)),
    new arrow.List(new arrow.Field('item', new arrow.Utf8(), true)),
  );
  const scalars = columns.map((column, c) => {
    const values = rows.map((row) => {
      const value = row.fields?.[column.field] ?? null;
      if (typeof value === 'boolean') return value ? 1 : 0;
      return value instanceof Date ? value.getTime() : value;
    });
    return oneChunk(arrow.vectorFromArray(values, schema.fields[6 + c]!.type));
  });
  const children = [
    utf8(rows.map((row) => refKey(row.projectId, row.id))),
    utf8(rows.map((row) => row.projectId)),
    utf8(rows.map((row) => row.id)),
    vectors,
    oneChunk(arrow.vectorFromArray(zero, new arrow.Bool())),
    oneChunk(terms),
    ...scalars,
  ];
  const struct = arrow.makeData({
    type: new arrow.Struct(schema.fields),
    length: rows.length,
    nullCount: 0,
    children,
  });
  return new arrow.Table([new arrow.RecordBatch(schema, struct)]);
}

/** Reads (id, vector) pairs out of a result table, batch by batch. */
export function* idsAndVectors(table: ArrowTable): Generator<{ id: string; vector: Float32Array }> {
  for (const batch of table.batches) {
    const ids = batch.getChild('id');
    const vectors = batch.getChild('vector');
    if (!ids || !vectors) throw new Error('search result lacks the id or vector column');
    for (let i = 0; i < batch.numRows; i++) {
      const vector = vectors.get(i) as ArrowModule.Vector<ArrowModule.Float32> | null;
      yield { id: String(ids.get(i)), vector: vector ? vector.toArray() : new Float32Array(0) };
    }
  }
}

/** Reads the id column out of a result table. */
export function idsOf(table: ArrowTable): string[] {
  const ids: string[] = [];
  for (const batch of table.batches) {
    const column = batch.getChild('id');
    for (let i = 0; i < batch.numRows; i++) ids.push(String(column?.get(i)));
  }
  return ids;
}
