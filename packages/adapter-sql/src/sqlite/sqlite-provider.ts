import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type AdapterVectorQuery,
  cosineSimilarity,
  defineCapabilities,
  KIND_STORAGE_NAMES,
  KINDS,
  type Kind,
  type MemoryRecord,
  ProcessLock,
  type ScoredRecord,
  SerialQueue,
  type StoreManifest,
  TopItems,
} from '@alma/core';
import { columnOf, LanceDbVectorDatabase, type VectorIndex } from '@alma/vector';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/sqlite/client.js';
import { migrate, migrationStatus } from '../migrations/migration-runner.js';
import { raw, type Sql, type SqlClient, sql } from '../shared/sql-client.js';
import { tableOf } from '../shared/sql-columns.js';
import { whereOf } from '../shared/sql-filter.js';
import type { SqlProvider, TextMatch } from '../shared/sql-provider.js';
import { fromTable, recordOf, selectList, upsertStatement } from '../sql-conversion.js';
import { toAlmaError } from '../sql-errors.js';
import type { VectorIndexHealth } from '../vector-index-health.js';
import { parseSqliteConfig, type SqliteConfig, type SqliteOptions } from './sqlite-config.js';
import { sqliteDialect } from './sqlite-dialect.js';
import { asClientRow, SqliteReader } from './sqlite-reader.js';
import { derivedColumnsOf, VectorOutbox } from './vector-outbox.js';

/** How much each round of a search with row-checked clauses widens. */
const WIDENING = 4;
/** Beyond this many candidates a search with row-checked clauses is answered exactly from the rows. */
const MAX_REACH = 4_096;
/** Past this many records the index has not caught up with, a search scores the kind exactly from the rows. */
const MAX_PENDING = 1_024;

/**
 * The embedded default: SQLite through Prisma on one reused connection in WAL mode (PC-5), the
 * embedding stored in its row (DC-4), and LanceDB as a derived vector index kept in step through a
 * transactional outbox (DC-8, PC-4). Writes run one at a time: their connection is shared. Vector
 * searches read through a second, read-only connection and run beside them.
 */
class SqliteProvider implements SqlProvider {
  readonly name = 'sqlite';
  readonly dialect = sqliteDialect;
  readonly capabilities = defineCapabilities({
    vectorSearch: 'approximate',
    textSearch: true,
    atomicBatch: true,
    persistent: true,
    multiProcess: false,
  });
  readonly batchRows = 1_000;
  readonly upsert = <K extends Kind>(kind: K, records: readonly MemoryRecord<K>[]) =>
    upsertStatement(this.dialect, kind, records);
  readonly lockRow = sql``;
  /** One prepared multi-row INSERT per 1,000 rows is already SQLite's fastest path. */
  readonly bulkUpsert = null;
  readonly derived: VectorOutbox;
  private readonly queue = new SerialQueue();
  private vectors: LanceDbVectorDatabase | null = null;
  private closed = false;

  constructor(
    readonly client: SqlClient,
    private readonly reader: SqliteReader,
    private readonly config: SqliteConfig,
    private readonly lock: ProcessLock,
  ) {
    this.derived = new VectorOutbox({
      client,
      reader,
      serialize: (work) => this.queue.run(work),
      residentVectorRows: config.residentVectorRows,
    });
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(work);
  }

  async analyse(kind: Kind): Promise<void> {
    await this.client.$executeRaw(raw(`ANALYZE "${tableOf(kind)}"`));
  }

  /** Opens the vector index for the store's dimension; the store then applies what the outbox still holds. */
  async prepare(manifest: StoreManifest): Promise<void> {
    if (this.derived.attached) return;
    this.vectors = await LanceDbVectorDatabase.open(this.config.vectorsDirectory);
    const indexes = {} as Record<Kind, VectorIndex>;
    for (const kind of KINDS) {
      const spec = {
        table: KIND_STORAGE_NAMES[kind],
        dimension: manifest.dimension,
        columns: derivedColumnsOf(kind),
      };
      // A release that adds a column the index copies (the workflow scope fields did) finds tables of
      // the old layout. The index is derived from the rows: the refill is noted in the outbox first
      // (so a crash before it is applied is repaired by the next open), then the table is replaced.
      if (!(await this.vectors.hasCurrentLayout(spec))) await this.noteRefill(kind);
      indexes[kind] = await this.vectors.openIndex({ ...spec, replaceOtherLayout: true });
    }
    this.derived.attach(indexes);
  }

  /** Queues every embedded row of the kind for the index, as one outbox entry the next round applies. */
  private async noteRefill(kind: Kind): Promise<void> {
    await this.client.$executeRaw(sql`INSERT INTO "alma_vector_outbox" ("kind", "op", "refs")
      SELECT ${kind}, 'upsert', json_group_array(json_object('projectId', r."project_id", 'id', r."id"))
      FROM ${fromTable(kind)} WHERE r."embedding" IS NOT NULL HAVING count(*) > 0`);
  }

  textMatch(kind: Kind, tokens: readonly string[]): TextMatch {
    const fts = raw(`"${tableOf(kind)}_fts"`);
    // Each token quoted: FTS5 then reads it as a word, never as an operator (AND, OR, NOT, NEAR).
    const query = tokens.map((token) => `"${token}"`).join(' AND ');
    return {
      from: sql`JOIN ${fts} ON ${fts}.rowid = r.rowid`,
      condition: sql`${fts} MATCH ${query}`,
      score: sql`-bm25(${fts})`,
    };
  }

  /**
   * Through the kind's in-memory exact copy while it is small, else the LanceDB index: prefiltered inside the index by the clauses on columns it copies, then
   * read from the rows (the truth) under the whole filter, by primary key, and scored exactly.
   * Clauses the index cannot check (scores, counters, timestamps, free text) only narrow the rows,
   * so the search widens until k rows pass or the candidates run out. Records the index has not
   * caught up with yet are scored from their rows; the search never updates the index itself.
   * Reads go through the read-only connection, beside the serial queue of writes (decision 091).
   */
  async searchVector<K extends Kind>(kind: K, query: AdapterVectorQuery): Promise<ScoredRecord<K>[]> {
    const index = this.derived.searchIndex(kind);
    const pending = this.derived.pending(kind);
    if (!index || pending.length > MAX_PENDING) return this.exactSearch(kind, query);
    const columns = derivedColumnsOf(kind);
    const indexable = query.filter.clauses.filter(
      (clause) =>
        clause.kind === 'metadata' || clause.field === 'id' || columnOf(columns, clause.field) !== undefined,
    );
    const prefilter = { projectId: query.filter.projectId, clauses: indexable };
    const where = whereOf(this.dialect, kind, query.filter);
    const pendingIds = new Set(
      pending.filter((ref) => ref.projectId === query.filter.projectId).map((ref) => ref.id),
    );
    const exhaustive = indexable.length === query.filter.clauses.length;
    for (let reach = exhaustive ? query.k : query.k * WIDENING; ; reach *= WIDENING) {
      const asked = Math.min(reach, MAX_REACH) + pending.length;
      const hits = await index.search({ vector: query.vector, k: asked, filter: prefilter });
      const ids = new Set(pendingIds);
      // A pending record's entry in the index may be stale: its row alone decides.
      for (const hit of hits) ids.add(hit.id);
      const found = this.rowsOf(kind, where, [...ids]);
      if (exhaustive || found.length >= query.k || hits.length < asked || reach >= MAX_REACH) {
        if (!exhaustive && found.length < query.k && reach >= MAX_REACH) return this.exactSearch(kind, query);
        return this.rank(found, query.vector, query.k);
      }
    }
  }

  async schema() {
    const status = await migrationStatus({ provider: 'sqlite', file: this.config.file });
    return { backend: this.name, applied: status.applied, pending: status.pending };
  }

  async vectorHealth(): Promise<VectorIndexHealth[]> {
    const outboxBacklog = await this.derived.backlog();
    const health: VectorIndexHealth[] = [];
    for (const kind of KINDS) {
      const counted = await this.client.$queryRaw<{ n: bigint }[]>(
        sql`SELECT count(*) AS n FROM ${fromTable(kind)} WHERE r."embedding" IS NOT NULL`,
      );
      const index = this.derived.index(kind);
      health.push({
        kind,
        rowsWithEmbedding: Number(counted[0]?.n ?? 0),
        indexedRows: index ? await index.count() : 0,
        outboxBacklog,
      });
    }
    return health;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.derived.stop();
    await this.queue.drain();
    // Leave the index in step at rest: the next open then has nothing to catch up on.
    await this.derived.flush();
    this.vectors?.close();
    this.reader.close();
    await this.client.$disconnect();
    await this.lock.release();
  }

  private exactSearch<K extends Kind>(kind: K, query: AdapterVectorQuery): ScoredRecord<K>[] {
    const where = whereOf(this.dialect, kind, query.filter);
    // Score on id and embedding alone; read whole rows only for the winners.
    const vectors = this.reader.all(
      sql`SELECT r."id", r."embedding" FROM ${fromTable(kind)} WHERE ${where} AND r."embedding" IS NOT NULL`,
    );
    const best = new TopItems<string>(query.k);
    for (const row of vectors) {
      best.offer(
        row.id as string,
        cosineSimilarity(query.vector, this.dialect.decode('vector', row.embedding) as Float32Array),
      );
    }
    const found = this.rowsOf(
      kind,
      where,
      best.results().map((winner) => winner.item),
    );
    return this.rank(found, query.vector, query.k);
  }

  /** The rows of these ids that pass the filter, each looked up by primary key. */
  private rowsOf<K extends Kind>(kind: K, where: Sql, ids: readonly string[]): MemoryRecord<K>[] {
    if (ids.length === 0) return [];
    // CROSS JOIN fixes the loop order: each id is a primary-key lookup, whatever index the filter
    // would suggest (an agent index would read every row of the agent to find 50).
    const rows = this.reader.all(sql`SELECT ${selectList(this.dialect, kind)}
      FROM json_each(${JSON.stringify(ids)}) AS hit CROSS JOIN ${fromTable(kind)}
      WHERE r."id" = hit.value AND ${where} AND r."embedding" IS NOT NULL`);
    return rows.map((row) => recordOf(this.dialect, kind, asClientRow(kind, row)));
  }

  private rank<K extends Kind>(
    records: readonly MemoryRecord<K>[],
    vector: Float32Array,
    k: number,
  ): ScoredRecord<K>[] {
    return records
      .map((record) => ({ record, score: cosineSimilarity(vector, record.embedding!) }))
      .sort((a, b) => b.score - a.score || (a.record.id < b.record.id ? -1 : 1))
      .slice(0, k);
  }
}

/** Opens (creating if needed) the SQLite database and its vector index directory. */
export async function openSqliteProvider(options: SqliteOptions): Promise<SqlProvider> {
  const config = parseSqliteConfig(options);
  // One process at a time (decision 104): a second would write unseen by the first's vector index
  // and statistics. The lock is taken before migrating, so two first opens cannot race either.
  await mkdir(dirname(config.file), { recursive: true });
  const lock = await ProcessLock.acquire(`${config.file}.lock`, `the SQLite store ${config.file}`);
  try {
    if (config.migrate) await migrate({ provider: 'sqlite', file: config.file });
    const client = new PrismaClient({
      adapter: new PrismaBetterSqlite3({ url: `file:${config.file}`, timeout: 5_000 }),
    }) as unknown as SqlClient;
    // WAL lets readers in other processes (backups, `alma doctor`) run beside the one writer.
    await client.$queryRaw(sql`PRAGMA journal_mode = WAL`);
    await client.$queryRaw(sql`PRAGMA synchronous = NORMAL`);
    // Statistics from a sample: ANALYZE then costs milliseconds at any size. Without them the
    // planner walks a whole project by primary key to avoid a sort (decision 091).
    await client.$queryRaw(sql`PRAGMA analysis_limit = 1000`);
    await client.$queryRaw(sql`PRAGMA optimize = 0x10002`);
    return new SqliteProvider(client, new SqliteReader(config.file), config, lock);
  } catch (error) {
    await lock.release();
    throw toAlmaError(error, 'opening the SQLite store');
  }
}
