import type { FieldType, MetadataValue, Scalar } from '@alma/core';
import type { Sql } from './sql-client.js';

/**
 * What differs between the SQL providers in plain statements: how values are bound and read back,
 * and the few comparisons whose syntax differs. Everything else is written once in the store.
 */
export interface SqlDialect {
  readonly name: 'postgres' | 'sqlite';
  /** A bound parameter for a field value, cast where the provider needs it. */
  param(type: FieldType, value: Scalar | Float32Array | Readonly<Record<string, unknown>> | null): Sql;
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
}
