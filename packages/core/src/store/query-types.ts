import type { AlmaError } from '../errors/alma-error.js';
import type { Filter, NormalizedFilter, Scalar } from '../filter/filter-types.js';
import type { DerivedOrderField, Ratio } from '../model/derived-order.js';
import type { FieldsOfType, FieldValue, Kind, MemoryRecord } from '../model/kinds.js';

/** Stored fields a query may order by: ids, numbers and timestamps that are never null. */
type StoredOrderField<K extends Kind> = {
  [F in FieldsOfType<K, 'id' | 'number' | 'integer' | 'instant'>]: null extends FieldValue<K, F> ? never : F;
}[FieldsOfType<K, 'id' | 'number' | 'integer' | 'instant'>];

/** Fields a query may order by: the orderable stored ones, and the kind's derived ones (`successRate`). */
export type OrderField<K extends Kind> = StoredOrderField<K> | DerivedOrderField<K>;

export type Direction = 'asc' | 'desc';

export interface FindQuery<K extends Kind> {
  readonly where: Filter<K>;
  /**
   * Default: by id ascending, which is creation order (ids are UUIDv7). Ties are broken by id.
   * @example { field: 'successRate', direction: 'desc' } // heuristics: successCount / occurrenceCount, 0 if never tried
   */
  readonly orderBy?: { readonly field: OrderField<K>; readonly direction?: Direction };
  /** 1 to 1,000; default 100. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page of the same query. */
  readonly cursor?: string;
}

/** One page of a keyset-paginated query: pages never repeat or skip records that existed throughout. */
export interface Page<K extends Kind> {
  readonly items: MemoryRecord<K>[];
  readonly nextCursor: string | null;
}

export interface SearchQuery<K extends Kind> {
  readonly where: Filter<K>;
  /** Ranks by cosine similarity; records without an embedding are left out. */
  readonly vector?: Float32Array | readonly number[];
  /** Keeps records whose searchable text holds every word of the query. */
  readonly text?: string;
  /** 1 to 1,000; default 10. */
  readonly k?: number;
}

export interface Hit<K extends Kind> {
  readonly record: MemoryRecord<K>;
  /** Vector: cosine similarity. Text: the backend's relevance. Both: reciprocal-rank fusion. */
  readonly score: number;
  /** Cosine similarity to the query vector, when one was given. */
  readonly similarity: number | null;
}

export interface BatchFailure {
  readonly index: number;
  readonly id: string;
  readonly error: AlmaError;
}

/** putMany's answer: written records in input order, and the items that failed (empty on atomic backends). */
export interface BatchResult<K extends Kind> {
  readonly items: MemoryRecord<K>[];
  readonly failures: readonly BatchFailure[];
}

export interface Stats {
  readonly projectId: string;
  readonly counts: Readonly<Record<Kind, number>>;
  readonly total: number;
}

export interface SchemaStatus {
  readonly backend: string;
  /** Applied schema versions, oldest first. */
  readonly applied: readonly string[];
  /** Known versions not applied yet. */
  readonly pending: readonly string[];
}

export interface ScanOptions {
  /** Only this project; all projects when left out. */
  readonly projectId?: string;
}

/** Where a keyset page starts: after the record with this sort value and id. */
export interface CursorPosition {
  readonly value: Scalar;
  readonly id: string;
}

/** An order by a stored field: adapters sort by its column or property. */
export interface FieldOrder {
  readonly field: string;
  readonly direction: Direction;
  readonly ratio?: undefined;
}

/**
 * An order by a derived field, which no record stores: adapters sort by the ratio of its two
 * counters (`orderValue` computes it), never by a column named `field`.
 */
export interface RatioOrder {
  readonly field: string;
  readonly direction: Direction;
  readonly ratio: Ratio;
}

export type Order = FieldOrder | RatioOrder;

/** What adapters receive for find: validated, with the cursor already decoded. */
export interface AdapterFindQuery {
  readonly filter: NormalizedFilter;
  readonly order: Order;
  readonly limit: number;
  readonly after: CursorPosition | null;
}

export interface AdapterVectorQuery {
  readonly filter: NormalizedFilter;
  /** Of the store's dimension; not necessarily unit length. */
  readonly vector: Float32Array;
  readonly k: number;
}

export interface AdapterTextQuery {
  readonly filter: NormalizedFilter;
  readonly text: string;
  /** The query's words as `tokenize` splits them; a match holds every one. */
  readonly tokens: readonly string[];
  readonly k: number;
}

export interface ScoredRecord<K extends Kind> {
  readonly record: MemoryRecord<K>;
  readonly score: number;
}
