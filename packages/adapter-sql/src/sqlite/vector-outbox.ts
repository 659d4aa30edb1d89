import { fieldsOf, KINDS, type Kind, type MemoryRecord, type Ref, type Scalar } from '@alma/core';
import {
  columnOf,
  defineVectorColumns,
  ExactVectorIndex,
  type VectorColumns,
  type VectorIndex,
  type VectorRow,
} from '@alma/vector';
import { join, raw, type Sql, type SqlClient, type SqlQueryable, sql } from '../shared/sql-client.js';
import { tableOf } from '../shared/sql-columns.js';
import type { DerivedVectors } from '../shared/sql-provider.js';
import { fromTable, recordOf, selectList } from '../sql-conversion.js';
import { sqliteDialect } from './sqlite-dialect.js';
import { asClientRow, type SqliteReader } from './sqlite-reader.js';

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
/** Refs waiting for the index past which a write applies them before it returns: a bound on memory and lag. */
const CATCH_UP_NOW = 50_000;
/** How long small writes gather before one background round applies them together. */
const GATHER_MS = 5;

interface OutboxEntry {
  readonly seq: number;
  readonly kind: Kind;
  readonly refs: readonly Ref[];
}

/** Refs of one kind not in the index yet, by key, each with the outbox entry that noted it last. */
type PendingRefs = Map<string, { readonly ref: Ref; readonly seq: number }>;

/** What the outbox needs from the store: its serialised writer, its read-only connection, its limits. */
export interface OutboxConnections {
  readonly client: SqlClient;
  readonly reader: SqliteReader;
  /** Runs work on the shared connection, after the writes queued before it. */
  serialize<T>(work: () => Promise<T>): Promise<T>;
  /** Largest kind (embedded records) also held in memory; see SqliteConfig. */
  readonly residentVectorRows: number;
}

/** A kind's in-memory copy, or the fact that it is too large to hold. */
type Resident = ExactVectorIndex | 'too-large';

/**
 * The transactional outbox between SQLite rows (the truth) and the LanceDB index (derived): writes
 * note changed refs in the same transaction as the rows. After the commit the outbox applies them
 * from the rows' current state, in the background for small writes and before returning for bulk
 * ones, so a search never maintains the index (decision 091). Until a ref is applied it is pending:
 * searches score it from its row. Replaying an entry twice is harmless, and a crash at any point is
 * repaired at the next open.
 */
export class VectorOutbox implements DerivedVectors {
  private indexes: { readonly [K in Kind]: VectorIndex } | null = null;
  private readonly pendingByKind = new Map<Kind, PendingRefs>();
  /** Noted by the transaction in progress; pending only once it commits. */
  private staged: { kind: Kind; refs: readonly Ref[]; seq: number }[] = [];
  /** Every entry up to this one is in the index. */
  private appliedThrough = 0;
  private round: Promise<void> | null = null;
  private roundWanted = false;
  private gatherTimer: NodeJS.Timeout | null = null;
  private readonly residents = new Map<Kind, Resident>();

  constructor(private readonly connections: OutboxConnections) {}

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

  /**
   * The index a search of this kind should use: the in-memory exact copy while the kind is small
   * enough (loaded from the rows on first use, then kept in step by every round), else LanceDB.
   */
  searchIndex(kind: Kind): VectorIndex | null {
    const index = this.index(kind);
    if (!index) return null;
    let resident = this.residents.get(kind);
    if (resident === undefined) {
      resident = this.loadResident(kind, index);
      this.residents.set(kind, resident);
    }
    return resident === 'too-large' ? index : resident;
  }

  tracks(kind: Kind, fields: readonly string[]): boolean {
    const columns = derivedColumnsOf(kind);
    return fields.some(
      (field) => field === 'embedding' || field === 'metadata' || columnOf(columns, field) !== undefined,
    );
  }

  async noteUpserts(tx: SqlQueryable, kind: Kind, refs: readonly Ref[]): Promise<void> {
    if (refs.length === 0) return;
    const noted = await tx.$queryRaw<{ seq: number | bigint }[]>(
      sql`INSERT INTO "alma_vector_outbox" ("kind", "op", "refs") VALUES (${kind}, 'upsert', ${JSON.stringify(refs)}) RETURNING "seq"`,
    );
    this.staged.push({ kind, refs, seq: Number(noted[0]!.seq) });
  }

  async noteDeletesWhere(tx: SqlQueryable, kind: Kind, where: Sql): Promise<void> {
    // Only rows with an embedding are in the index; a delete of rows without one needs no entry.
    // A deleted row is never pending: a search drops index hits whose row is gone.
    await tx.$executeRaw(sql`INSERT INTO "alma_vector_outbox" ("kind", "op", "refs")
      SELECT ${kind}, 'delete', json_group_array(json_object('projectId', r."project_id", 'id', r."id"))
      FROM ${raw(`"${tableOf(kind)}"`)} AS r WHERE ${where} AND r."embedding" IS NOT NULL HAVING count(*) > 0`);
  }

  settle(committed: boolean): void {
    const staged = this.staged;
    this.staged = [];
    if (!committed) return;
    for (const { kind, refs, seq } of staged) {
      // A round that already applied this entry may have finished before the commit returned.
      if (seq <= this.appliedThrough) continue;
      const pending = this.pendingOf(kind);
      for (const ref of refs) pending.set(refKey(ref), { ref, seq });
    }
  }

  async afterWrite(): Promise<void> {
    if (!this.indexes) return;
    if (this.pendingCount() < CATCH_UP_NOW) {
      this.gatherTimer ??= setTimeout(() => {
        this.gatherTimer = null;
        // A failed round leaves its entries in the outbox; the next round or the next open applies them.
        this.flush().catch(() => {});
      }, GATHER_MS);
      return;
    }
    await this.flush().catch(() => {});
  }

  /** The refs of one kind not in the index yet: a search scores them from their rows. */
  pending(kind: Kind): readonly Ref[] {
    return [...this.pendingOf(kind).values()].map((entry) => entry.ref);
  }

  /** How many entries wait to be applied. */
  async backlog(): Promise<number> {
    const rows = this.connections.reader.all(sql`SELECT count(*) AS n FROM "alma_vector_outbox"`);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Applies every entry committed before the call. One round runs at a time; a call during a round
   * waits for it and then for one more, which sees what the running round could not.
   */
  async flush(): Promise<void> {
    if (!this.indexes) return;
    if (this.round) {
      this.roundWanted = true;
      while (this.round) await this.round;
      return;
    }
    this.round = this.applyAll().finally(() => {
      this.round = null;
    });
    await this.round;
    if (this.roundWanted) {
      this.roundWanted = false;
      await this.flush();
    }
  }

  /** Stops the gathering timer: the store applies what is left itself when it closes. */
  stop(): void {
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = null;
  }

  /**
   * Each round merges its entries per kind into one set of refs and syncs them from the rows: an
   * upsert and a delete of the same ref both mean "make the index match the row".
   */
  private async applyAll(): Promise<void> {
    const indexes = this.indexes!;
    const { reader, client, serialize } = this.connections;
    for (;;) {
      const entries = reader
        .all(
          sql`SELECT "seq", "kind", "refs" FROM "alma_vector_outbox" ORDER BY "seq" LIMIT ${raw(String(ENTRIES_PER_ROUND))}`,
        )
        .flatMap(entryOf);
      if (entries.length === 0) return;
      for (const [kind, refs] of refsByKind(entries)) await this.syncFromRows(kind, indexes[kind], refs);
      const last = entries.at(-1)!.seq;
      await serialize(async () =>
        client.$executeRaw(sql`DELETE FROM "alma_vector_outbox" WHERE "seq" <= ${last}`),
      );
      this.appliedThrough = Math.max(this.appliedThrough, last);
      for (const pending of this.pendingByKind.values()) {
        for (const [key, entry] of pending) if (entry.seq <= last) pending.delete(key);
      }
    }
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
      const rows = this.connections.reader.all(
        sql`SELECT ${selectList(sqliteDialect, kind)} FROM ${fromTable(kind)}
          WHERE (r."project_id", r."id") IN (VALUES ${keys}) AND r."embedding" IS NOT NULL`,
      );
      const records = rows.map((row) => recordOf(sqliteDialect, kind, asClientRow(kind, row)));
      const present = new Set(records.map(refKey));
      const vectorRows = records.map((record) => vectorRowOf(index, record));
      const gone = chunk.filter((ref) => !present.has(refKey(ref)));
      await index.upsert(vectorRows);
      if (gone.length > 0) await index.delete(gone);
      const resident = this.residents.get(kind);
      if (resident instanceof ExactVectorIndex) {
        await resident.upsert(vectorRows);
        if (gone.length > 0) await resident.delete(gone);
        // Grown past the limit: give the memory back and search LanceDB from now on.
        if ((await resident.count()) > this.connections.residentVectorRows) {
          this.residents.set(kind, 'too-large');
          await resident.close();
        }
      }
    }
  }

  /**
   * Reads every embedded row of a small kind into an exact index, in one synchronous statement: no
   * round can interleave with it, and what changes after it is pending until a round applies it.
   */
  private loadResident(kind: Kind, index: VectorIndex): Resident {
    const limit = this.connections.residentVectorRows;
    const { reader } = this.connections;
    const counted = reader.all(
      sql`SELECT count(*) AS n FROM ${fromTable(kind)} WHERE r."embedding" IS NOT NULL`,
    );
    if (Number(counted[0]?.n ?? 0) > limit) return 'too-large';
    const resident = new ExactVectorIndex({
      dimension: index.dimension,
      columns: index.columns,
      name: index.name,
    });
    const rows = reader.all(
      sql`SELECT ${selectList(sqliteDialect, kind)} FROM ${fromTable(kind)} WHERE r."embedding" IS NOT NULL`,
    );
    resident.load(
      rows.map((row) => vectorRowOf(index, recordOf(sqliteDialect, kind, asClientRow(kind, row)))),
    );
    return resident;
  }

  private pendingOf(kind: Kind): PendingRefs {
    let pending = this.pendingByKind.get(kind);
    if (!pending) {
      pending = new Map();
      this.pendingByKind.set(kind, pending);
    }
    return pending;
  }

  private pendingCount(): number {
    let count = 0;
    for (const pending of this.pendingByKind.values()) count += pending.size;
    return count;
  }
}

function refKey(ref: Ref): string {
  return `${ref.projectId}\u0000${ref.id}`;
}

/** An outbox row as the driver returns it; rows of kinds this version does not know are skipped. */
function entryOf(row: Record<string, unknown>): OutboxEntry[] {
  if (!(KINDS as readonly unknown[]).includes(row.kind)) return [];
  return [{ seq: Number(row.seq), kind: row.kind as Kind, refs: JSON.parse(String(row.refs)) as Ref[] }];
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
    const refs = byKind.get(entry.kind) ?? new Map<string, Ref>();
    byKind.set(entry.kind, refs);
    for (const ref of entry.refs) refs.set(refKey(ref), ref);
  }
  return new Map([...byKind].map(([kind, refs]) => [kind, [...refs.values()]]));
}
