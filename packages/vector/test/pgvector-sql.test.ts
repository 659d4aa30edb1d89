import { ValidationError } from '@alma/core';
import {
  fromVectorBinary,
  hnswIndexDdl,
  quotePgIdentifier,
  toVectorLiteral,
  vectorColumnType,
} from '@alma/vector';
import { describe, expect, it } from 'vitest';

describe('pgvector helpers (SQL text and parameters, no database)', () => {
  it('encodes vectors as literals in shortest round-trip form, and refuses what pgvector cannot hold', () => {
    const vector = Float32Array.from([0.1, -2.5, 1e-30, 3.4e38]);
    const literal = toVectorLiteral(vector);
    expect(JSON.parse(literal)).toEqual([...vector]);
    expect(() => toVectorLiteral([1, Number.NaN])).toThrow(ValidationError);
    expect(() => toVectorLiteral([])).toThrow(ValidationError);
  });

  it('reads the binary form (vector_send): dimension, unused, big-endian float4s', () => {
    const bytes = new Uint8Array(4 + 2 * 4);
    const view = new DataView(bytes.buffer);
    view.setUint16(0, 2);
    view.setFloat32(4, 0.1);
    view.setFloat32(8, -3.4e38);
    expect(fromVectorBinary(bytes)).toEqual(Float32Array.from([0.1, -3.4e38]));
    // A view into a larger, unaligned buffer, as drivers hand out.
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes, 1);
    expect(fromVectorBinary(padded.subarray(1))).toEqual(Float32Array.from([0.1, -3.4e38]));
    expect(() => fromVectorBinary(bytes.subarray(0, 7))).toThrow(ValidationError);
    expect(() => fromVectorBinary(new Uint8Array(2))).toThrow(ValidationError);
  });

  it('writes HNSW DDL with checked parameters and quoted identifiers', () => {
    expect(hnswIndexDdl({ table: 'alma_heuristics', column: 'embedding', m: 24, efConstruction: 128 })).toBe(
      'CREATE INDEX IF NOT EXISTS "alma_heuristics_embedding_hnsw" ON "alma_heuristics" USING hnsw ("embedding" vector_cosine_ops) WITH (m = 24, ef_construction = 128)',
    );
    expect(hnswIndexDdl({ table: 'alma.items', column: 'embedding', concurrently: true, metric: 'l2' })).toBe(
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS "items_embedding_hnsw" ON "alma"."items" USING hnsw ("embedding" vector_l2_ops) WITH (m = 16, ef_construction = 64)',
    );
    expect(() => hnswIndexDdl({ table: 't', column: 'e', m: 1 })).toThrow(ValidationError);
    expect(() => hnswIndexDdl({ table: 't', column: 'e', m: 16, efConstruction: 20 })).toThrow(
      ValidationError,
    );
    expect(() => hnswIndexDdl({ table: 't; DROP TABLE x', column: 'e' })).toThrow(ValidationError);
    expect(() => quotePgIdentifier('a"b')).toThrow(ValidationError);
    expect(vectorColumnType(384)).toBe('vector(384)');
    expect(() => vectorColumnType(2001)).toThrow(ValidationError);
  });
});
