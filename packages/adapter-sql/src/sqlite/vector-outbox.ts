import { fieldsOf, KINDS, type Kind, type MemoryRecord, type Ref, type Scalar } from '@alma/core';
import {
  columnOf,
  defineVectorColumns,
  type VectorColumns,
  type VectorIndex,
  type VectorRow,
} from '@alma/vector';
import { join, raw, type Sql, type SqlClient, type SqlQueryable, sql } from '../shared/sql-client.js';
import { tableOf } from '../shared/sql-columns.js';
import type { DerivedVectors } from '../shared/sql-provider.js';
import { fromTable, recordOf, selectList } from '../shared/sql-rows.js';
import { sqliteDialect } from './sqlite-dialect.js';

const derivedColumns = new Map<Kind, VectorColumns>();

/**
 * The filter columns the index copies: identifiers and flags (agent, task type, user, category,
 * success …), which a record keeps for life in practice. Counters, scores and timestamps change on
 * every reinforcement; copying them would turn each increment into an index write, so filters on
 * them are checked against the rows instead.
 */
export function derivedColumnsOf(kind: Kind): VectorColumns {
  let columns = derivedColumns.get(kind);
  if (!columns) {
    columns = defineVectorColumns(
      Object.entries(fieldsOf(kind))
        .filter(
          ([field, spec]) =>
            field !== 'id' && field !== 'projectId' && (spec.type === 'key' || spec.type === 'boolean'),
        )
        .map(([field, spec]) => ({ field, type: spec.type as 'key' | 'boolean' })),
    );
    derivedColumns.set(kind, columns);
  }
  return columns;
}

/** Outbox entries applied per round, and refs per read of their current rows. */
const ENTRIES_PER_ROUND = 500;
const REFS_PER_READ = 500;

interface OutboxEntry {
  readonly seq: number | bigint;
  readonly kind: string;
  readonly op: string;
  readonly refs: readonly Ref[];
}

/**
 * The transactional outbox between SQLite rows (the truth) and the LanceDB index (derived): writes
 * note changed refs in the same transaction as the rows; `flush` applies them from the rows' current
 * state, so replaying an entry twice is harmless and a crash at any point is repaired at the next open.
 */
export class VectorOutbox implements DerivedVectors {
  private indexes: { readonly [K in Kind]: VectorIndex } | null = null;

  constructor(private readonly client: SqlClient) {}

  /** Starts applying entries to these indexes (once the store's dimension is known). */
  attach(indexes: { readonly [K in Kind]: VectorIndex }): void {
    this.indexes = indexes;
  }

  get attached(): boolean {
    return this.indexes !== null;
  }

  index(kind: Kind): VectorIndex | null {
    return this.indexes?.[kind] ?? null;
  }

  tracks(kind: Kind, fields: readonly string[]): boolean {
    const columns = derivedColumnsOf(kind);
    return fields.some(
      (field) => field === 'embedding' || field === 'metadata' || columnOf(columns, field) !== undefined,
    );
  }

  async noteUpserts(tx: SqlQueryable, kind: Kind, refs: readonly Ref[]): Promise<void> {
    if (refs.length === 0) return;
    await tx.$executeRaw(
      sql`INSERT INTO "alma_vector_outbox" ("kind", "op", "refs") VALUES (${kind}, 'upsert', ${JSON.stringify(refs)})`,
    );
  }

  async noteDeletesWhere(tx: SqlQueryable, kind: Kind, where: Sql): Promise<void> {
    // Only rows with an embedding are in the index; a delete of rows without one needs no entry.
    await tx.$executeRaw(sql`INSERT INTO "alma_vector_outbox" ("kind", "op", "refs")
      SELECT ${kind}, 'delete', json_group_array(json_object('projectId', r."project_id", 'id', r."id"))
      FROM ${raw(`"${tableOf(kind)}"`)} AS r WHERE ${where} AND r."embedding" IS NOT NULL HAVING count(*) > 0`);
  }

  /** How many entries wait to be applied. */
  async backlog(): Promise<number> {
    const rows = await this.client.$queryRaw<{ n: bigint | number }[]>(
      sql`SELECT count(*) AS n FROM "alma_vector_outbox"`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Applies every entry. Each round merges its entries per kind into one set of refs and syncs them
   * from the rows: an upsert and a delete of the same ref both mean "make the index match the row".
   */
  async flush(): Promise<void> {
    const indexes = this.indexes;
    if (!indexes) return;
    for (;;) {
      const entries = await this.client.$queryRaw<OutboxEntry[]>(
        sql`SELECT "seq", "kind", "op", "refs" FROM "alma_vector_outbox" ORDER BY "seq" LIMIT ${raw(String(ENTRIES_PER_ROUND))}`,
      );
      if (entries.length === 0) return;
      for (const [kind, refs] of refsByKind(entries)) await this.syncFromRows(kind, indexes[kind], refs);
      const last = entries.at(-1)!.seq;
      await this.client.$executeRaw(sql`DELETE FROM "alma_vector_outbox" WHERE "seq" <= ${last}`);
    }
  }

  /**
   * The refs of one kind whose index entries are not applied yet, when they are few: a search then
   * scores those from the rows instead of paying an index write first. Many are applied at once.
   */
  async pending(kind: Kind, limit: number): Promise<readonly Ref[]> {
    const entries = await this.client.$queryRaw<OutboxEntry[]>(
      sql`SELECT "seq", "kind", "op", "refs" FROM "alma_vector_outbox" WHERE "kind" = ${kind} ORDER BY "seq"`,
    );
    const refs = refsByKind(entries).get(kind) ?? [];
    if (refs.length <= limit) return refs;
    await this.flush();
    return [];
  }

  /**
   * Copies the current rows of these refs into the index (vector, filter columns, metadata); refs
   * whose row is gone or has no embedding any more leave the index.
   */
  private async syncFromRows(kind: Kind, index: VectorIndex, refs: readonly Ref[]): Promise<void> {
    for (let start = 0; start < refs.length; start += REFS_PER_READ) {
      const chunk = refs.slice(start, start + REFS_PER_READ);
      const keys = join(
        chunk.map((ref) => sql`(${ref.projectId}, ${ref.id})`),
        ', ',
      );
      const rows = await this.client.$queryRaw<Record<string, unknown>[]>(
        sql`SELECT ${selectList(sqliteDialect, kind)} FROM ${fromTable(kind)}
          WHERE (r."project_id", r."id") IN (VALUES ${keys}) AND r."embedding" IS NOT NULL`,
      );
      const records = rows.map((row) => recordOf(sqliteDialect, kind, row));
      const present = new Set(records.map((record) => `${record.projectId}\u0000${record.id}`));
      await index.upsert(records.map((record) => vectorRowOf(index, record)));
      const gone = chunk.filter((ref) => !present.has(`${ref.projectId}\u0000${ref.id}`));
      if (gone.length > 0) await index.delete(gone);
    }
  }
}

/** A record as an index row: its vector, the values of the index's filter columns, its metadata. */
function vectorRowOf<K extends Kind>(index: VectorIndex, record: MemoryRecord<K>): VectorRow {
  const fields = record as Record<string, unknown>;
  return {
    projectId: record.projectId,
    id: record.id,
    vector: record.embedding!,
    fields: Object.fromEntries(
      index.columns.map((column) => [column.field, fields[column.field] as Scalar | null]),
    ),
    metadata: record.metadata,
  };
}

/** The distinct refs of each kind named by these entries, upserts and deletes alike. */
function refsByKind(entries: readonly OutboxEntry[]): Map<Kind, Ref[]> {
  const byKind = new Map<Kind, Map<string, Ref>>();
  for (const entry of entries) {
    if (!(KINDS as readonly string[]).includes(entry.kind)) continue;
    const kind = entry.kind as Kind;
    const refs = byKind.get(kind) ?? new Map<string, Ref>();
    byKind.set(kind, refs);
    for (const ref of entry.refs) refs.set(`${ref.projectId}\u0000${ref.id}`, ref);
  }
  return new Map([...byKind].map(([kind, refs]) => [kind, [...refs.values()]]));
}
