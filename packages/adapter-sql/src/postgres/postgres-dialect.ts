import type { FieldType, MetadataValue } from '@alma/core';
import { fromVectorBinary, toVectorLiteral } from '@alma/vector';
import { raw, type Sql, sql } from '../shared/sql-client.js';
import type { SqlDialect } from '../shared/sql-dialect.js';
import { metadataKeyLiteral } from '../shared/sql-metadata-key.js';

/** Every parameter carries an explicit cast: Prisma binds untyped text, and PostgreSQL must not guess. */
const CASTS: Readonly<Record<FieldType, string>> = {
  id: 'uuid',
  key: 'text',
  text: 'text',
  number: 'float8',
  integer: 'int8',
  boolean: 'boolean',
  instant: 'timestamptz',
  json: 'jsonb',
  vector: 'vector',
};

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  encode(type, value) {
    if (value === null) return null;
    if (type === 'integer') return BigInt(value as number);
    if (type === 'json') return JSON.stringify(value);
    if (type === 'vector') return toVectorLiteral(value as Float32Array);
    return value;
  },
  cast: (type) => `::${CASTS[type]}`,
  selectColumn(name, type, alias) {
    const column = alias ? `${alias}."${name}"` : `"${name}"`;
    // Binary (bytea), not text: decoding is a byte swap per element instead of a float parse.
    return raw(type === 'vector' ? `vector_send(${column}) AS "${name}"` : column);
  },
  decode(type, value) {
    if (value === null || value === undefined) return null;
    if (type === 'vector') return fromVectorBinary(value as Uint8Array);
    if (type === 'integer') return Number(value);
    if (type === 'instant') return new Date((value as Date).getTime());
    return value;
  },
  distinctFrom: (column: Sql, value: Sql) => sql`${column} IS DISTINCT FROM ${value}`,
  // The key as a literal: the expression then matches the lesson indexes' (migration 20261130).
  metadataEquals: (key: string, value: MetadataValue) =>
    sql`"metadata" -> ${raw(`'${metadataKeyLiteral(key)}'`)} = ${JSON.stringify(value)}::jsonb`,
  projectIdOrder: raw('"project_id" COLLATE "C"'),
  double: 'double precision',
};
