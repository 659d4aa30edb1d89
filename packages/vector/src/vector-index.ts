import type { NormalizedFilter, Ref, Scalar } from '@alma/core';
import type { VectorColumns } from './vector-columns.js';
import type { VectorIndexCapabilities } from './vector-index-capabilities.js';

/** One row of a vector index: identity, vector, and the scalar columns a prefilter may name. */
export interface VectorRow {
  readonly projectId: string;
  readonly id: string;
  /** Of the index's dimension, finite; indexes keep it normalised, so only its direction matters. */
  readonly vector: Float32Array;
  /** Values of the index's scalar columns by field name; a missing value is null. */
  readonly fields?: Readonly<Record<string, Scalar | null>>;
  /** The record's metadata; its top-level scalar entries serve metadata key-equality filters. */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** One search: a query vector, how many hits, and the prefilter. */
export interface VectorSearchQuery {
  /** Of the index's dimension; need not be unit length. */
  readonly vector: Float32Array;
  /** 1 to MAX_VECTOR_K. */
  readonly k: number;
  /** The prefilter: one project, plus clauses on the index's scalar columns. */
  readonly filter: NormalizedFilter;
}

/** A search result: the row's identity and its cosine similarity to the query. */
export interface VectorHit {
  readonly projectId: string;
  readonly id: string;
  /** Cosine similarity in [-1, 1], computed exactly from the stored vector; 0 for a zero vector. */
  readonly score: number;
}

/** The approximate index an index holds, if any. */
export type AnnKind = 'none' | 'hnsw-sq' | 'ivf-pq';

/** What an index holds now: rows, its ANN index, and how many rows that index does not cover yet. */
export interface VectorIndexStatus {
  readonly rows: number;
  readonly ann: AnnKind;
  /** Rows written since the ANN index was built or last optimised; searched exactly meanwhile. */
  readonly unindexedRows: number;
}

/**
 * A vector index over one kind of record: cosine similarity, prefiltered by project and scalar
 * columns. It is a derived structure: the store keeps the truth and can `rebuild` it at any time.
 * Rows are keyed by {projectId, id}, like records.
 */
export interface VectorIndex {
  readonly name: string;
  readonly capabilities: VectorIndexCapabilities;
  readonly dimension: number;
  readonly columns: VectorColumns;
  /** Inserts rows or replaces the rows with the same {projectId, id}; the last of duplicates wins. */
  upsert(rows: readonly VectorRow[]): Promise<void>;
  /** Removes rows incrementally (no rebuild); returns how many existed. */
  delete(refs: readonly Ref[]): Promise<number>;
  /** The best k rows matching the filter, by cosine similarity, highest first, ties by id. */
  search(query: VectorSearchQuery): Promise<VectorHit[]>;
  /** Rows matching the filter, or every row when it is left out. */
  count(filter?: NormalizedFilter): Promise<number>;
  /** Builds (or rebuilds) the approximate index now; a no-op where `capabilities.annIndex` is false. */
  buildIndex(): Promise<VectorIndexStatus>;
  /** Maintenance: compacts, drops old versions, folds new rows into the ANN index, builds it once large enough. */
  optimize(): Promise<VectorIndexStatus>;
  /**
   * Replaces the whole content with these rows, streamed; returns how many rows it holds after.
   * A stream that fails part-way may leave part of it behind on disk-backed indexes: rebuild again.
   */
  rebuild(rows: AsyncIterable<VectorRow> | Iterable<VectorRow>): Promise<number>;
  status(): Promise<VectorIndexStatus>;
  close(): Promise<void>;
}
