import type { FieldType, MetadataValue, Scalar } from '@alma/core';
import { Sql } from './sql-client.js';

/** What a field value may be when bound. */
export type FieldParam = Scalar | Float32Array | Readonly<Record<string, unknown>> | null;

/** A bound parameter for a field value, cast where the provider needs it. */
export function paramOf(dialect: SqlDialect, type: FieldType, value: FieldParam): Sql {
  return new Sql(['', dialect.cast(type)], [dialect.encode(type, value)]);
}

/**
 * What differs between the SQL providers in plain statements: how values are bound and read back,
 * and the few comparisons whose syntax differs. Everything else is written once in the store.
 */
export interface SqlDialect {
  readonly name: 'postgres' | 'sqlite';
  /** A field value as the driver binds it (ISO text, 0/1, bigint, JSON text, vector literal or bytes). */
  encode(type: FieldType, value: FieldParam): unknown;
  /** SQL text after a bound parameter: its cast where the provider needs one (`::uuid`), else ''. */
  cast(type: FieldType): string;
  /** The column as selected (qualified by `alias` unless null): the value `decode` receives. */
  selectColumn(name: string, type: FieldType, alias: 'r' | null): Sql;
  /** Back to the canonical value from what the driver returned. */
  decode(type: FieldType, value: unknown): unknown;
  /** `column` differs from `value`, null counting as a value (core's `ne`). */
  distinctFrom(column: Sql, value: Sql): Sql;
  /** Metadata key equality keeping JSON types apart. */
  metadataEquals(key: string, value: MetadataValue): Sql;
  /** ORDER BY term for project ids in code-unit order, whatever the database collation. */
  projectIdOrder: Sql;
  /** The type named in a CAST to IEEE double, in which derived ratios are divided as JavaScript divides. */
  readonly double: string;
}
