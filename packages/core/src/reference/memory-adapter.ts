import type { NormalizedFilter } from '../filter/filter-types.js';
import { KINDS, type Kind, type MemoryRecord, type Ref } from '../model/kinds.js';
import { defineCapabilities } from '../store/capabilities.js';
import { projectList } from '../store/project-list.js';
import type {
  AdapterFindQuery,
  AdapterTextQuery,
  AdapterVectorQuery,
  BatchFailure,
  ScanOptions,
  SchemaStatus,
  ScoredRecord,
} from '../store/query-types.js';
import type { RecordChange, StoreAdapter, StoreManifest } from '../store/store-adapter.js';
import { RecordTable } from './record-table.js';

/** One RecordTable per kind. */
export type RecordTables = { readonly [K in Kind]: RecordTable<K> };

export function createRecordTables(): RecordTables {
  return Object.fromEntries(KINDS.map((kind) => [kind, new RecordTable(kind)])) as unknown as RecordTables;
}

/**
 * The in-memory reference store: the contract's semantics with nothing in the way. It passes the
 * conformance suite first, and other adapters are measured against it.
 */
export class MemoryAdapter implements StoreAdapter {
  readonly name = 'memory';
  readonly capabilities = defineCapabilities({ vectorSearch: 'exact', textSearch: true, atomicBatch: true });
  /** One process by nature: the in-process lock of MemoryStore.exclusive is enough. */
  readonly leases = null;
  private readonly tables = createRecordTables();
  private manifest: StoreManifest | null = null;

  async readManifest(): Promise<StoreManifest | null> {
    return this.manifest;
  }

  async writeManifest(manifest: StoreManifest): Promise<void> {
    this.manifest = manifest;
  }

  async put<K extends Kind>(kind: K, record: MemoryRecord<K>): Promise<void> {
    this.table(kind).set(record);
  }

  async putMany<K extends Kind>(
    kind: K,
    records: readonly MemoryRecord<K>[],
  ): Promise<readonly BatchFailure[]> {
    for (const record of records) this.table(kind).set(record);
    return [];
  }

  async get<K extends Kind>(kind: K, ref: Ref): Promise<MemoryRecord<K> | null> {
    return this.table(kind).get(ref);
  }

  async patch<K extends Kind>(kind: K, ref: Ref, change: RecordChange<K>): Promise<MemoryRecord<K> | null> {
    return this.commit(kind, this.table(kind).patched(ref, change.set, change.add));
  }

  async delete(kind: Kind, ref: Ref): Promise<boolean> {
    return this.table(kind).remove(ref);
  }

  async deleteWhere(kind: Kind, filter: NormalizedFilter): Promise<number> {
    const table = this.table(kind);
    const refs = table.matchingRefs(filter);
    for (const ref of refs) table.remove(ref);
    return refs.length;
  }

  async find<K extends Kind>(kind: K, query: AdapterFindQuery): Promise<MemoryRecord<K>[]> {
    return this.table(kind).find(query);
  }

  async count(kind: Kind, filter: NormalizedFilter): Promise<number> {
    return this.table(kind).count(filter);
  }

  async searchVector<K extends Kind>(kind: K, query: AdapterVectorQuery): Promise<ScoredRecord<K>[]> {
    return this.table(kind).searchVector(query);
  }

  async searchText<K extends Kind>(kind: K, query: AdapterTextQuery): Promise<ScoredRecord<K>[]> {
    return this.table(kind).searchText(query);
  }

  async *scan<K extends Kind>(kind: K, options: ScanOptions): AsyncIterable<MemoryRecord<K>> {
    yield* this.table(kind).scan(options);
  }

  async projects(): Promise<string[]> {
    return projectList(KINDS.flatMap((kind) => this.table(kind).projectIds()));
  }

  async schema(): Promise<SchemaStatus> {
    return { backend: this.name, applied: ['memory-1'], pending: [] };
  }

  async close(): Promise<void> {}

  private table<K extends Kind>(kind: K): RecordTable<K> {
    return this.tables[kind] as RecordTable<K>;
  }

  private commit<K extends Kind>(kind: K, record: MemoryRecord<K> | null): MemoryRecord<K> | null {
    if (record) this.table(kind).set(record);
    return record;
  }
}
