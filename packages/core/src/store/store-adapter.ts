import type { NormalizedFilter } from '../filter/filter-types.js';
import type { Kind, MemoryRecord, Ref } from '../model/kinds.js';
import type { Patch } from '../model/patch.js';
import type { Capabilities } from './capabilities.js';
import type { LeaseTable } from './lease.js';
import type {
  AdapterFindQuery,
  AdapterTextQuery,
  AdapterVectorQuery,
  BatchFailure,
  ScanOptions,
  SchemaStatus,
  ScoredRecord,
} from './query-types.js';

/** Facts recorded inside every store so that a later open with other settings fails loudly. */
export interface StoreManifest {
  readonly formatVersion: 1;
  readonly dimension: number;
  readonly embedder: string | null;
}

/** A patch as adapters apply it: the caller's fields plus the new updatedAt. */
export type StampedPatch<K extends Kind> = Patch<K> & { readonly updatedAt: Date };

/** One change to a record, as adapters apply it: an update, an increment, or both at once. */
export interface RecordChange<K extends Kind> {
  /** Fields to set, always with the new updatedAt. */
  readonly set: StampedPatch<K>;
  /** Counters to add to, atomically (concurrent callers lose nothing); empty for a plain update. */
  readonly add: Readonly<Record<string, number>>;
}

/**
 * What a backend implements: a small generic surface keyed by kind. Everything it receives is
 * already validated and normalised by the core, which also owns cursors, hybrid search and stats.
 */
export interface StoreAdapter {
  readonly name: string;
  readonly capabilities: Capabilities;
  /**
   * Where processes sharing this store agree on who holds a lease (`MemoryStore.exclusive`); null
   * for a backend one process opens at a time, where an in-process lock is enough.
   */
  readonly leases: LeaseTable | null;
  readManifest(): Promise<StoreManifest | null>;
  writeManifest(manifest: StoreManifest): Promise<void>;
  /** Insert or replace by {projectId, id}. */
  put<K extends Kind>(kind: K, record: MemoryRecord<K>): Promise<void>;
  /** Atomic backends write all or throw; others return the items that failed. */
  putMany<K extends Kind>(kind: K, records: readonly MemoryRecord<K>[]): Promise<readonly BatchFailure[]>;
  get<K extends Kind>(kind: K, ref: Ref): Promise<MemoryRecord<K> | null>;
  /** Applies the change in place in one atomic write; null when the record does not exist. */
  patch<K extends Kind>(kind: K, ref: Ref, change: RecordChange<K>): Promise<MemoryRecord<K> | null>;
  /** Removes the record and its vector; false when it did not exist. */
  delete(kind: Kind, ref: Ref): Promise<boolean>;
  deleteWhere(kind: Kind, filter: NormalizedFilter): Promise<number>;
  /** Up to `limit` records in (order.field, id) order, strictly after `after`. */
  find<K extends Kind>(kind: K, query: AdapterFindQuery): Promise<MemoryRecord<K>[]>;
  count(kind: Kind, filter: NormalizedFilter): Promise<number>;
  /** Best k by cosine similarity (the score), highest first. */
  searchVector<K extends Kind>(kind: K, query: AdapterVectorQuery): Promise<ScoredRecord<K>[]>;
  /** Best k records holding every token, by the backend's relevance (the score), highest first. */
  searchText<K extends Kind>(kind: K, query: AdapterTextQuery): Promise<ScoredRecord<K>[]>;
  /** Every record, ordered by projectId then id, streamed. */
  scan<K extends Kind>(kind: K, options: ScanOptions): AsyncIterable<MemoryRecord<K>>;
  /** The projects holding at least one record of any kind, once each, in code-unit order. */
  projects(): Promise<string[]>;
  schema(): Promise<SchemaStatus>;
  close(): Promise<void>;
}
