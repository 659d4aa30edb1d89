import type { MetadataValue } from '@alma/core';
import { raw, type Sql, sql } from '../shared/sql-client.js';
import type { SqlDialect } from '../shared/sql-dialect.js';
import { metadataKeyLiteral } from '../shared/sql-metadata-key.js';

/** Float32 in the platform's byte order (every Node platform ALMA runs on is little-endian); a view, bound before the call returns. */
function vectorBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

function vectorFromBytes(bytes: Uint8Array): Float32Array {
  // Copy first: a driver buffer need not be 4-byte aligned.
  const copy = new Uint8Array(bytes);
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}

function metadataType(value: MetadataValue): Sql {
  if (typeof value === 'string') return sql`= 'text'`;
  if (typeof value === 'number') return sql`IN ('integer', 'real')`;
  return value ? sql`= 'true'` : sql`= 'false'`;
}

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  encode(type, value) {
    if (value === null) return null;
    switch (type) {
      // ISO 8601 with milliseconds and Z: fixed width, so text order is time order.
      case 'instant':
        return (value as Date).toISOString();
      case 'boolean':
        return value ? 1 : 0;
      case 'integer':
        return BigInt(value as number);
      case 'json':
        return JSON.stringify(value);
      case 'vector':
        return vectorBytes(value as Float32Array);
      default:
        return value;
    }
  },
  cast: () => '',
  selectColumn: (name, _type, alias) => raw(alias ? `${alias}."${name}"` : `"${name}"`),
  decode(type, value) {
    if (value === null || value === undefined) return null;
    if (type === 'vector') return vectorFromBytes(value as Uint8Array);
    if (type === 'integer') return Number(value);
    if (type === 'instant') return new Date((value as Date).getTime());
    if (type === 'boolean') return value === true || value === 1 || value === 1n;
    return value;
  },
  distinctFrom: (column: Sql, value: Sql) => sql`${column} IS NOT ${value}`,
  metadataEquals(key, value) {
    // The path as a literal: the expression then matches the lesson indexes' (migration 20261130).
    const path = raw(`'$.${metadataKeyLiteral(key)}'`);
    const typed = sql`json_type("metadata", ${path}) ${metadataType(value)}`;
    if (typeof value === 'boolean') return typed;
    return sql`(${typed} AND json_extract("metadata", ${path}) = ${value})`;
  },
  projectIdOrder: raw('"project_id"'),
  double: 'REAL',
};
