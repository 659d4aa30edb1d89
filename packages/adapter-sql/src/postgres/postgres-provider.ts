import {
  type AdapterVectorQuery,
  cosineSimilarity,
  defineCapabilities,
  KINDS,
  type Kind,
  type MemoryRecord,
  type ScoredRecord,
  type StoreManifest,
} from '@alma/core';
import { hnswIndexDdl, toVectorLiteral, vectorColumnType } from '@alma/vector';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/postgres/client.js';
import { migrate, migrationStatus } from '../migrations/migration-runner.js';
import { join, raw, type SqlClient, sql } from '../shared/sql-client.js';
import { tableOf } from '../shared/sql-columns.js';
import { whereOf } from '../shared/sql-filter.js';
import type { SqlProvider, TextMatch } from '../shared/sql-provider.js';
import { ANALYSE_AFTER_ROWS } from '../shared/sql-statistics.js';
import { fromTable, recordOf, selectList, upsertStatement } from '../sql-conversion.js';
import { toAlmaError } from '../sql-errors.js';
import { HnswRebuilds } from './hnsw-rebuilds.js';
import { copyUpsert, type DeferredIndex } from './postgres-bulk.js';
import { type PostgresConfig, type PostgresOptions, parsePostgresConfig } from './postgres-config.js';
import { postgresDialect } from './postgres-dialect.js';

type Row = Record<string, unknown>;

/** Kinds up to this many rows are searched exactly (see searchVector). */
const EXACT_ROWS = 20_000;
/** Candidates ranked again in Node beyond k (at most k more). */
const RERANK_MARGIN = 10;

function hnswIndexName(kind: Kind, dimension: number): string {
  return `${tableOf(kind)}_embedding_hnsw_${dimension}`;
}

/**
 * PostgreSQL with pgvector: the embedding lives in the row, an HNSW index per kind serves the
 * store's dimension (built when the dimension is known, valid on an empty table, PC-3), and filter
 * plus vector ranking run as one SQL query; full text through a generated tsvector and GIN.
 */
class PostgresProvider implements SqlProvider {
  readonly name = 'postgres';
  readonly dialect = postgresDialect;
  readonly capabilities = defineCapabilities({
    vectorSearch: 'approximate',
    textSearch: true,
    atomicBatch: true,
    persistent: true,
    multiProcess: true,
  });
  readonly batchRows = 1_000;
  readonly derived = null;
  readonly upsert = <K extends Kind>(kind: K, records: readonly MemoryRecord<K>[]) =>
    upsertStatement(this.dialect, kind, records);
  readonly lockRow = sql`FOR UPDATE`;
  readonly bulkUpsert = <K extends Kind>(kind: K, records: readonly MemoryRecord<K>[]) =>
    copyUpsert(this.pool, this.hnsw, kind, records);
  private dimension: number | null = null;
  private closed = false;
  /** Rows per kind, from the statistics: small kinds are searched exactly. */
  private readonly estimatedRows = new Map<Kind, number>();
  private readonly rebuilds: HnswRebuilds;
  private readonly hnsw: DeferredIndex = {
    name: (kind) => (this.dimension === null ? null : hnswIndexName(kind, this.dimension)),
    waiting: (kind) => this.rebuilds.waiting(kind),
    hold: (kind) => this.rebuilds.hold(kind),
    dropped: (kind) => this.rebuilds.schedule(kind),
  };

  constructor(
    readonly client: SqlClient,
    private readonly pool: pg.Pool,
    private readonly config: PostgresConfig,
  ) {
    this.rebuilds = new HnswRebuilds(pool, (kind) => this.hnswDdl(kind, this.dimension!));
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async prepare(manifest: StoreManifest): Promise<void> {
    if (this.dimension === manifest.dimension) return;
    // An expression index per dimension: the column is dimensionless, so one schema serves every embedder.
    for (const kind of KINDS) await this.client.$executeRaw(raw(this.hnswDdl(kind, manifest.dimension)));
    this.dimension = manifest.dimension;
    await this.analyseStale();
    await this.measureTables();
  }

  private hnswDdl(kind: Kind, dimension: number): string {
    return hnswIndexDdl({
      table: tableOf(kind),
      column: 'embedding',
      dimension,
      name: hnswIndexName(kind, dimension),
      m: this.config.hnswM,
      efConstruction: this.config.hnswEfConstruction,
    });
  }

  async analyse(kind: Kind): Promise<void> {
    await this.client.$executeRaw(raw(`ANALYZE "${tableOf(kind)}"`));
    await this.measureTables();
  }

  /** Each kind's row count as the statistics last saw it (-1, never analysed, counts as 0). */
  private async measureTables(): Promise<void> {
    const rows = await this.client.$queryRaw<
      { table: string; rows: number }[]
    >(sql`SELECT c.relname AS "table",
      c.reltuples::float8 AS "rows" FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace
      AND c.relname IN (${join(
        KINDS.map((kind) => sql`${tableOf(kind)}`),
        ', ',
      )})`);
    const byTable = new Map(rows.map((row) => [row.table, Math.max(0, Number(row.rows))]));
    for (const kind of KINDS) this.estimatedRows.set(kind, byTable.get(tableOf(kind)) ?? 0);
  }

  /** Tables changed a lot since their last ANALYZE (by anyone: another process, a restore). */
  private async analyseStale(): Promise<void> {
    const stale = await this.client.$queryRaw<{ table: string }[]>(sql`SELECT relname AS "table"
      FROM pg_stat_user_tables WHERE schemaname = current_schema()
      AND relname IN (${join(
        KINDS.map((kind) => sql`${tableOf(kind)}`),
        ', ',
      )})
      AND n_mod_since_analyze >= greatest(${ANALYSE_AFTER_ROWS}, n_live_tup / 2)`);
    for (const { table } of stale) await this.client.$executeRaw(raw(`ANALYZE "${table}"`));
  }

  textMatch(_kind: Kind, tokens: readonly string[]): TextMatch {
    return {
      from: sql`, to_tsquery('simple', ${tokens.join(' & ')}) AS alma_query`,
      condition: sql`r."search_vector" @@ alma_query`,
      score: sql`ts_rank(r."search_vector", alma_query)`,
    };
  }

  /**
   * Ranks inside the index on keys alone, then reads the winners' rows: the embedding (sent as
   * text) is cast and decoded for k rows, not for every row the filter lets through.
   */
  async searchVector<K extends Kind>(kind: K, query: AdapterVectorQuery): Promise<ScoredRecord<K>[]> {
    const dimension = raw(vectorColumnType(query.vector.length));
    const target = sql`${toVectorLiteral(query.vector)}::${dimension}`;
    const table = raw(`"${tableOf(kind)}"`);
    // Up to EXACT_ROWS a scan costs a few milliseconds and is always right; HNSW is not on data
    // without structure (recall@10 0.56 on uniform random vectors at 10k, pnpm bench peers). The
    // `+ 0` keeps the planner off the index.
    const exact = (this.estimatedRows.get(kind) ?? 0) <= EXACT_ROWS;
    // A zero vector has no direction: pgvector's cosine distance is NaN, which sorts last, where the
    // contract scores it 0 (distance 1). Equal distances go to the smaller id, as everywhere.
    const distance = exact
      ? sql`COALESCE(NULLIF(r."embedding"::${dimension} <=> ${target}, 'NaN'), 1), r."id"`
      : sql`r."embedding"::${dimension} <=> ${target}`;
    // pgvector's float32 distances and the contract's double similarity can disagree in the last
    // bits: a few more candidates than k are ranked again here, so the k-th place is the contract's.
    const candidates = query.k + Math.min(query.k, RERANK_MARGIN);
    const rows = await this.client.$queryRaw<Row[]>(sql`SELECT ${selectList(this.dialect, kind)}
      FROM (SELECT r."project_id", r."id" FROM ${fromTable(kind)}
        WHERE ${whereOf(this.dialect, kind, query.filter)} AND r."embedding" IS NOT NULL
        ORDER BY ${distance} LIMIT ${raw(String(candidates))}) AS hit
      JOIN ${table} AS r ON r."project_id" = hit."project_id" AND r."id" = hit."id"`);
    // PostgreSQL ranks; the similarity reported is computed as every backend computes it.
    return rows
      .map((row) => recordOf(this.dialect, kind, row))
      .map((record) => ({ record, score: cosineSimilarity(query.vector, record.embedding!) }))
      .sort((a, b) => b.score - a.score || (a.record.id < b.record.id ? -1 : 1))
      .slice(0, query.k);
  }

  async schema() {
    const status = await migrationStatus({
      provider: 'postgres',
      connectionString: this.config.connectionString,
    });
    return { backend: this.name, applied: status.applied, pending: status.pending };
  }

  async vectorHealth() {
    return [];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Leave no index missing behind a bulk load; the next open would otherwise build it.
    await this.rebuilds.flush().catch(() => {});
    await this.client.$disconnect();
    await this.pool.end();
  }
}

/** Opens the PostgreSQL database, applying pending migrations first unless told not to. */
export async function openPostgresProvider(options: PostgresOptions): Promise<SqlProvider> {
  const config = parsePostgresConfig(options);
  try {
    if (config.migrate) await migrate({ provider: 'postgres', connectionString: config.connectionString });
  } catch (error) {
    throw toAlmaError(error, 'migrating the PostgreSQL store');
  }
  // One pool for Prisma and the COPY path alike.
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.poolSize,
    // Session defaults on every pooled connection: no SET round trip before each search.
    // UTC: the driver sends a Date as UTC text without an offset, read in the session's zone.
    options: `-c timezone=UTC -c hnsw.ef_search=${config.hnswEfSearch} -c hnsw.iterative_scan=${config.iterativeScan}`,
  });
  // An idle connection the server ends (a restart, a dropped database) is an 'error' event on the
  // pool; unheard, it would end the process. The pool discards that connection, and the next query
  // opens another or fails with its own error.
  pool.on('error', () => {});
  const client = new PrismaClient({ adapter: new PrismaPg(pool) }) as unknown as SqlClient;
  return new PostgresProvider(client, pool, config);
}
