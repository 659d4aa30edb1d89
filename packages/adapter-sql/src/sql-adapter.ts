import {
  type AdapterFindQuery,
  type AdapterTextQuery,
  type AdapterVectorQuery,
  type BatchFailure,
  ConflictError,
  checkedCounter,
  KINDS,
  type Kind,
  type LeaseTable,
  MAX_COUNTER,
  type MemoryRecord,
  type NormalizedFilter,
  projectList,
  type RecordChange,
  type Ref,
  type ScanOptions,
  type SchemaStatus,
  type ScoredRecord,
  type StoreAdapter,
  type StoreManifest,
  searchableFieldsOf,
} from '@alma/core';
import type { PostgresOptions } from './postgres/postgres-config.js';
import { join, raw, type Sql, type SqlQueryable, sql } from './shared/sql-client.js';
import { columnOf, SEARCH_TEXT_COLUMN } from './shared/sql-columns.js';
import { paramOf } from './shared/sql-dialect.js';
import { whereOf } from './shared/sql-filter.js';
import { SqlLeases } from './shared/sql-leases.js';
import { sortKeyOf } from './shared/sql-order.js';
import type { SqlProvider } from './shared/sql-provider.js';
import { StatisticsSchedule } from './shared/sql-statistics.js';
import type { SqlAdapterConfig } from './sql-config.js';
import { fromTable, recordOf, searchTextOf, selectList } from './sql-conversion.js';
import { toAlmaError } from './sql-errors.js';
import type { SqliteOptions } from './sqlite/sqlite-config.js';
import type { VectorIndexHealth } from './vector-index-health.js';

const SCAN_PAGE = 1_000;
/** From this many records a put goes through the provider's bulk path, where it has one. */
const BULK_ROWS = 500;
/** Long enough for the largest batch; Prisma's default of 5 s would abort big imports. */
const TRANSACTION_OPTIONS = { timeout: 600_000, maxWait: 60_000 };

type Row = Record<string, unknown>;

/**
 * The store over both SQL providers: every statement is written once here, with the provider's
 * dialect for binding values and the provider itself for what really differs (vector and text search,
 * the derived vector index, serialisation).
 */
export class SqlAdapter implements StoreAdapter {
  private readonly statistics = new StatisticsSchedule();
  private leaseRows: SqlLeases | undefined;

  private constructor(private readonly provider: SqlProvider) {}

  /**
   * Opens a SQL store, migrating it first unless told not to.
   * @example const adapter = await SqlAdapter.open({ dialect: 'sqlite', file: '.alma/alma.db' });
   * @example const adapter = await SqlAdapter.open({ dialect: 'postgres', connectionString: 'postgres://alma@db:5432/alma' });
   */
  static async open(config: SqlAdapterConfig): Promise<SqlAdapter> {
    // Each dialect (its generated Prisma client, driver adapter and driver) loads on first use, so
    // opening a SQLite store never loads PostgreSQL's half, nor the reverse: half the start-up cost
    // of a short command such as `alma stats`.
    const { dialect, ...options } = config;
    const provider =
      dialect === 'sqlite'
        ? await (await import('./sqlite/sqlite-provider.js')).openSqliteProvider(options as SqliteOptions)
        : await (await import('./postgres/postgres-provider.js')).openPostgresProvider(
            options as PostgresOptions,
          );
    return new SqlAdapter(provider);
  }

  get name(): string {
    return this.provider.name;
  }

  get capabilities() {
    return this.provider.capabilities;
  }

  /** Processes sharing a PostgreSQL database agree on leases through `alma_meta`; SQLite has one process. */
  get leases(): LeaseTable | null {
    if (!this.provider.capabilities.multiProcess) return null;
    this.leaseRows ??= new SqlLeases(this.provider.client, this.provider.dialect);
    return this.leaseRows;
  }

  async readManifest(): Promise<StoreManifest | null> {
    const manifest = await this.run('reading the manifest', async () => {
      const rows = await this.query(sql`SELECT "value" FROM "alma_meta" WHERE "key" = 'manifest'`);
      const manifest = (rows[0]?.value as StoreManifest | undefined) ?? null;
      if (manifest) await this.provider.prepare(manifest);
      return manifest;
    });
    await this.catchUpDerived();
    return manifest;
  }

  async writeManifest(manifest: StoreManifest): Promise<void> {
    await this.run('writing the manifest', async () => {
      await this.execute(sql`INSERT INTO "alma_meta" ("key", "value") VALUES ('manifest', ${paramOf(this.provider.dialect, 'json', manifest as never)})
        ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`);
      await this.provider.prepare(manifest);
    });
    await this.catchUpDerived();
  }

  /** At open: applies what a crash left in the derived index's outbox (outside the queue it writes through). */
  private async catchUpDerived(): Promise<void> {
    await this.mapErrors('updating the vector index', async () => this.provider.derived?.flush());
  }

  async put<K extends Kind>(kind: K, record: MemoryRecord<K>): Promise<void> {
    await this.putMany(kind, [record]);
  }

  async putMany<K extends Kind>(
    kind: K,
    records: readonly MemoryRecord<K>[],
  ): Promise<readonly BatchFailure[]> {
    const { bulkUpsert } = this.provider;
    if (bulkUpsert && records.length >= BULK_ROWS) {
      await this.run(`writing ${records.length} ${kind} records`, () => bulkUpsert(kind, records));
      await this.analyseAfter(kind, records.length);
      return [];
    }
    const chunks: MemoryRecord<K>[][] = [];
    for (let i = 0; i < records.length; i += this.provider.batchRows) {
      chunks.push(records.slice(i, i + this.provider.batchRows));
    }
    const refs = records.map(({ projectId, id }) => ({ projectId, id }));
    await this.write(`writing ${records.length} ${kind} records`, chunks.length > 1, async (tx) => {
      for (const chunk of chunks) await tx.$executeRaw(this.provider.upsert(kind, chunk));
      await this.provider.derived?.noteUpserts(tx, kind, refs);
    });
    await this.analyseAfter(kind, records.length);
    return [];
  }

  private async analyseAfter(kind: Kind, rows: number): Promise<void> {
    if (this.statistics.written(kind, rows)) {
      await this.run(`analysing ${kind} records`, () => this.provider.analyse(kind));
    }
  }

  async get<K extends Kind>(kind: K, ref: Ref): Promise<MemoryRecord<K> | null> {
    return this.run(`reading a ${kind}`, async () => {
      const rows = await this.query(
        sql`SELECT ${selectList(this.provider.dialect, kind)} FROM ${fromTable(kind)} WHERE ${this.refCondition(ref)}`,
      );
      return rows[0] ? recordOf(this.provider.dialect, kind, rows[0]) : null;
    });
  }

  async delete(kind: Kind, ref: Ref): Promise<boolean> {
    const where = this.refCondition(ref);
    const removed = await this.write(`deleting a ${kind}`, false, async (tx) => {
      await this.provider.derived?.noteDeletesWhere(tx, kind, where);
      return tx.$executeRaw(sql`DELETE FROM ${fromTable(kind)} WHERE ${where}`);
    });
    return removed > 0;
  }

  async deleteWhere(kind: Kind, filter: NormalizedFilter): Promise<number> {
    const where = whereOf(this.provider.dialect, kind, filter);
    return this.write(`deleting ${kind} records`, false, async (tx) => {
      await this.provider.derived?.noteDeletesWhere(tx, kind, where);
      return tx.$executeRaw(sql`DELETE FROM ${fromTable(kind)} WHERE ${where}`);
    });
  }

  async find<K extends Kind>(kind: K, query: AdapterFindQuery): Promise<MemoryRecord<K>[]> {
    const { dialect } = this.provider;
    const { direction } = query.order;
    const key = sortKeyOf(dialect, kind, query.order);
    const order = raw(direction === 'asc' ? 'ASC' : 'DESC');
    const conditions = [whereOf(dialect, kind, query.filter)];
    if (query.after) {
      // Keyset: strictly after (value, id) in the query's order; ids break ties.
      const comparison = raw(direction === 'asc' ? '>' : '<');
      conditions.push(
        sql`(${key.term}, r."id") ${comparison} (${paramOf(dialect, key.type, query.after.value)}, ${paramOf(dialect, 'id', query.after.id)})`,
      );
    }
    // Ids break ties; ordered by id alone, the tie-breaker is left out: SQLite then sees that an
    // index ending in id already gives the order (with `id, id` it walks the primary key instead).
    const orderBy = key.isId ? sql`r."id" ${order}` : sql`${key.term} ${order}, r."id" ${order}`;
    return this.run(`finding ${kind} records`, async () => {
      const rows = await this.query(sql`SELECT ${selectList(dialect, kind)} FROM ${fromTable(kind)}
        WHERE ${join(conditions, ' AND ')}
        ORDER BY ${orderBy} LIMIT ${raw(String(query.limit))}`);
      return rows.map((row) => recordOf(dialect, kind, row));
    });
  }

  async count(kind: Kind, filter: NormalizedFilter): Promise<number> {
    return this.run(`counting ${kind} records`, async () => {
      const rows = await this.query(
        sql`SELECT count(*) AS n FROM ${fromTable(kind)} WHERE ${whereOf(this.provider.dialect, kind, filter)}`,
      );
      return Number(rows[0]?.n ?? 0);
    });
  }

  async projects(): Promise<string[]> {
    return this.run('listing the projects', async () => {
      // One statement, one round trip, over every kind's table.
      const union = join(
        KINDS.map((kind) => sql`SELECT DISTINCT r."project_id" FROM ${fromTable(kind)}`),
        ' UNION ',
      );
      const rows = await this.query(union);
      // Sorted here: a database collation must not decide the order.
      return projectList(rows.map((row) => String(row.project_id)));
    });
  }

  /** Not queued: each provider reads vectors through a connection no write waits on. */
  async searchVector<K extends Kind>(kind: K, query: AdapterVectorQuery): Promise<ScoredRecord<K>[]> {
    return this.mapErrors(`searching ${kind} vectors`, () => this.provider.searchVector(kind, query));
  }

  async searchText<K extends Kind>(kind: K, query: AdapterTextQuery): Promise<ScoredRecord<K>[]> {
    const { dialect } = this.provider;
    const match = this.provider.textMatch(kind, query.tokens);
    return this.run(`searching ${kind} text`, async () => {
      const rows = await this.query(sql`SELECT ${selectList(dialect, kind)}, ${match.score} AS "alma_score"
        FROM ${fromTable(kind)} ${match.from}
        WHERE ${whereOf(dialect, kind, query.filter)} AND ${match.condition}
        ORDER BY "alma_score" DESC, r."id" LIMIT ${raw(String(query.k))}`);
      return rows.map((row) => ({ record: recordOf(dialect, kind, row), score: Number(row.alma_score) }));
    });
  }

  async *scan<K extends Kind>(kind: K, options: ScanOptions): AsyncIterable<MemoryRecord<K>> {
    const { dialect } = this.provider;
    let after: { projectId: string; id: string } | null = null;
    for (;;) {
      const conditions: Sql[] = [];
      if (options.projectId !== undefined)
        conditions.push(sql`r."project_id" = ${paramOf(dialect, 'key', options.projectId)}`);
      if (after) {
        conditions.push(sql`(${dialect.projectIdOrder} > ${paramOf(dialect, 'key', after.projectId)}
          OR (r."project_id" = ${paramOf(dialect, 'key', after.projectId)} AND r."id" > ${paramOf(dialect, 'id', after.id)}))`);
      }
      const where = conditions.length > 0 ? sql`WHERE ${join(conditions, ' AND ')}` : sql``;
      const rows = await this.run(`scanning ${kind} records`, () =>
        this.query(sql`SELECT ${selectList(dialect, kind)} FROM ${fromTable(kind)} ${where}
          ORDER BY ${dialect.projectIdOrder}, r."id" LIMIT ${raw(String(SCAN_PAGE))}`),
      );
      for (const row of rows) yield recordOf(dialect, kind, row);
      const last = rows.at(-1);
      if (!last || rows.length < SCAN_PAGE) return;
      after = { projectId: String(last.project_id), id: String(last.id) };
    }
  }

  async schema(): Promise<SchemaStatus> {
    return this.provider.schema();
  }

  /** For `alma doctor` and the crash tests: the derived vector index against the rows. */
  async vectorHealth(): Promise<VectorIndexHealth[]> {
    return this.run('checking the vector index', () => this.provider.vectorHealth());
  }

  async close(): Promise<void> {
    await this.provider.close();
  }

  /** One UPDATE … RETURNING, unless a searchable field changes its words. */
  async patch<K extends Kind>(kind: K, ref: Ref, change: RecordChange<K>): Promise<MemoryRecord<K> | null> {
    const { set: patch, add: deltas } = change;
    const { dialect } = this.provider;
    const fields = patch as Record<string, unknown>;
    const assignments = Object.entries(fields).map(([field, value]) => {
      const column = columnOf(kind, field);
      return sql`${raw(`"${column.name}"`)} = ${paramOf(dialect, column.type, value as never)}`;
    });
    // Each counter's range is part of the UPDATE's condition, so the check and the write are one
    // statement: an increment that would leave the range changes nothing and is explained below.
    const inRange: Sql[] = [];
    for (const [field, delta] of Object.entries(deltas)) {
      const name = raw(`"${columnOf(kind, field).name}"`);
      const step = paramOf(dialect, 'integer', delta);
      assignments.push(sql`${name} = ${name} + ${step}`);
      inRange.push(sql`${name} + ${step} BETWEEN 0 AND ${paramOf(dialect, 'integer', MAX_COUNTER)}`);
    }
    const rewordsText = searchableFieldsOf(kind).some((field) => field in fields);
    const changed = [...Object.keys(fields), ...Object.keys(deltas)];
    const { derived } = this.provider;
    const where = this.refCondition(ref);
    return this.write(`changing a ${kind}`, rewordsText, async (tx) => {
      if (rewordsText) {
        // The stored words derive from every searchable field: read the row (locked) to recompute them.
        const current = await tx.$queryRaw<Row[]>(
          sql`SELECT ${selectList(dialect, kind)} FROM ${fromTable(kind)} WHERE ${where} ${this.provider.lockRow}`,
        );
        if (!current[0]) return null;
        const next = { ...recordOf(dialect, kind, current[0]), ...fields } as MemoryRecord<K>;
        assignments.push(
          sql`${raw(`"${SEARCH_TEXT_COLUMN}"`)} = ${paramOf(dialect, 'text', searchTextOf(kind, next))}`,
        );
      }
      const condition = inRange.length === 0 ? where : sql`${where} AND ${join(inRange, ' AND ')}`;
      const rows = await tx.$queryRaw<Row[]>(sql`UPDATE ${fromTable(kind)} SET ${join(assignments, ', ')}
        WHERE ${condition} RETURNING ${selectList(dialect, kind, null)}`);
      if (!rows[0]) {
        if (inRange.length > 0) await this.explainRefusedIncrement(tx, kind, where, deltas);
        return null;
      }
      if (derived?.tracks(kind, changed)) await derived.noteUpserts(tx, kind, [ref]);
      return recordOf(dialect, kind, rows[0]);
    });
  }

  /**
   * An increment's UPDATE matched no row: the record is absent (null follows), or a counter would
   * leave its range, which the row read in the same transaction names as a ValidationError.
   */
  private async explainRefusedIncrement(
    tx: SqlQueryable,
    kind: Kind,
    where: Sql,
    deltas: Readonly<Record<string, number>>,
  ): Promise<void> {
    const current = await tx.$queryRaw<Row[]>(
      sql`SELECT ${selectList(this.provider.dialect, kind)} FROM ${fromTable(kind)} WHERE ${where}`,
    );
    if (!current[0]) return;
    const record = recordOf(this.provider.dialect, kind, current[0]) as unknown as Record<string, number>;
    for (const [field, delta] of Object.entries(deltas)) checkedCounter(field, record[field]!, delta);
    // In range now: another transaction changed the counter between the UPDATE and this read.
    throw new ConflictError(`${kind} ${String(current[0].id)} changed during the increment: retry it`);
  }

  private refCondition(ref: Ref): Sql {
    const { dialect } = this.provider;
    return sql`r."project_id" = ${paramOf(dialect, 'key', ref.projectId)} AND r."id" = ${paramOf(dialect, 'id', ref.id)}`;
  }

  /**
   * A write: in a transaction when it has several statements or a derived index to note changes in,
   * otherwise one statement. The derived index catches up after the commit, outside the serial
   * queue, so consecutive small writes reach it as one batch and no read ever waits for it.
   */
  private async write<T>(
    action: string,
    multiStatement: boolean,
    work: (tx: SqlQueryable) => Promise<T>,
  ): Promise<T> {
    const { client, derived } = this.provider;
    if (!derived) {
      return this.run(action, () =>
        multiStatement ? client.$transaction(work, TRANSACTION_OPTIONS) : work(client),
      );
    }
    const result = await this.run(action, async () => {
      let committed = false;
      try {
        const done = await client.$transaction(work, TRANSACTION_OPTIONS);
        committed = true;
        return done;
      } finally {
        derived.settle(committed);
      }
    });
    await derived.afterWrite();
    return result;
  }

  private run<T>(action: string, work: () => Promise<T>): Promise<T> {
    return this.provider.run(() => this.mapErrors(action, work));
  }

  private async mapErrors<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toAlmaError(error, action);
    }
  }

  private query(statement: Sql): Promise<Row[]> {
    return this.provider.client.$queryRaw<Row[]>(statement) as Promise<Row[]>;
  }

  private execute(statement: Sql): Promise<number> {
    return this.provider.client.$executeRaw(statement) as Promise<number>;
  }
}
