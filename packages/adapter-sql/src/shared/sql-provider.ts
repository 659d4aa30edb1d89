import type {
  AdapterVectorQuery,
  Capabilities,
  Kind,
  MemoryRecord,
  Ref,
  SchemaStatus,
  ScoredRecord,
  StoreManifest,
} from '@alma/core';
import type { VectorIndexHealth } from '../vector-index-health.js';
import type { Sql, SqlClient, SqlQueryable } from './sql-client.js';
import type { SqlDialect } from './sql-dialect.js';

/** How a provider matches and ranks full-text queries, as fragments of one SELECT over `r`. */
export interface TextMatch {
  /** Added after `FROM "table" AS r`. */
  readonly from: Sql;
  readonly condition: Sql;
  /** Higher is better. */
  readonly score: Sql;
}

/**
 * A vector index kept beside the rows (SQLite's LanceDB). Writes note their changes inside the
 * row's transaction; after the commit the index catches up, and again at every open.
 */
export interface DerivedVectors {
  /** Whether a change to these fields of a record must reach the index at all. */
  tracks(kind: Kind, fields: readonly string[]): boolean;
  noteUpserts(tx: SqlQueryable, kind: Kind, refs: readonly Ref[]): Promise<void>;
  /** Notes, before a DELETE with this WHERE runs, the rows it will remove. */
  noteDeletesWhere(tx: SqlQueryable, kind: Kind, where: Sql): Promise<void>;
  /** Once the transaction that noted changes has ended, committed or not. */
  settle(committed: boolean): void;
  /** After a committed write, outside the store's serial queue: lets the index catch up. Never throws. */
  afterWrite(): Promise<void>;
  /** Applies everything noted so far. */
  flush(): Promise<void>;
}

/** What differs between the SQL providers beyond plain statements. */
export interface SqlProvider {
  readonly name: 'postgres' | 'sqlite';
  readonly dialect: SqlDialect;
  readonly client: SqlClient;
  readonly capabilities: Capabilities;
  /** Rows per upsert statement, within the provider's parameter and statement limits. */
  readonly batchRows: number;
  /** One statement inserting or replacing these records (same kind, unique refs). */
  upsert<K extends Kind>(kind: K, records: readonly MemoryRecord<K>[]): Sql;
  /**
   * The provider's bulk path for large batches (same kind, unique refs), atomic like `upsert` in a
   * transaction; null where the statement path is already the fastest.
   */
  readonly bulkUpsert:
    | (<K extends Kind>(kind: K, records: readonly MemoryRecord<K>[]) => Promise<void>)
    | null;
  readonly derived: DerivedVectors | null;
  /** Refreshes the planner's statistics of a kind's table (the store decides when). */
  analyse(kind: Kind): Promise<void>;
  /** Runs one store operation; SQLite serialises them on its one connection, PostgreSQL does not need to. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** FOR UPDATE where the provider has row locks. */
  readonly lockRow: Sql;
  textMatch(kind: Kind, tokens: readonly string[]): TextMatch;
  searchVector<K extends Kind>(kind: K, query: AdapterVectorQuery): Promise<ScoredRecord<K>[]>;
  /** Once the store's dimension is known (recorded now or read back): build what depends on it. */
  prepare(manifest: StoreManifest): Promise<void>;
  schema(): Promise<SchemaStatus>;
  /** The derived vector index against the rows; empty where vectors live in the rows themselves. */
  vectorHealth(): Promise<VectorIndexHealth[]>;
  close(): Promise<void>;
}
