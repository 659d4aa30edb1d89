import { NotFoundError, ValidationError } from '../errors/alma-error.js';
import type { Filter } from '../filter/filter-types.js';
import { parseFilter } from '../filter/parse-filter.js';
import { derivedRatio, orderValue, orderValueSpec } from '../model/derived-order.js';
import {
  type CounterField,
  fieldsOf,
  type Kind,
  type MemoryInput,
  type MemoryRecord,
  type Ref,
} from '../model/kinds.js';
import { assertDimension, normalizeRecord } from '../model/normalize-record.js';
import { type Patch, type PatchInput, parsePatch } from '../model/patch.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { parseRef } from './parse-ref.js';
import { assertQueryShape } from './query-shape.js';
import type { BatchResult, FindQuery, Hit, Order, Page, ScanOptions, SearchQuery } from './query-types.js';
import { runSearch } from './search-planner.js';
import type { StampedPatch, StoreAdapter } from './store-adapter.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1_000;

/** Counter deltas for an atomic increment: whole numbers, only on counter fields. */
export type Counters<K extends Kind> = Partial<Record<CounterField<K>, number>>;

/** What every collection of one store shares. */
export interface StoreContext {
  readonly adapter: StoreAdapter;
  readonly dimension: number;
  readonly clock: () => Date;
}

/**
 * The typed operations on one kind of memory. It validates and normalises once, then hands the
 * adapter canonical values; cursors and hybrid ranking live here so every backend behaves alike.
 */
export class Collection<K extends Kind> {
  constructor(
    readonly kind: K,
    private readonly context: StoreContext,
  ) {}

  /** Inserts or replaces the record with the same {projectId, id}; never a duplicate (DC-9). */
  async put(input: MemoryInput<K>): Promise<MemoryRecord<K>> {
    const record = this.normalize(input);
    await this.context.adapter.put(this.kind, record);
    return record;
  }

  /**
   * Writes many records in one round trip. Invalid input rejects the whole batch before anything is
   * written; atomic backends then write all or nothing, others report per-item failures.
   */
  async putMany(inputs: readonly MemoryInput<K>[]): Promise<BatchResult<K>> {
    if (!Array.isArray(inputs)) throw new ValidationError('putMany takes an array');
    const records = inputs.map((input, index) => {
      try {
        return this.normalize(input);
      } catch (error) {
        // Name the offending item; the error keeps its class and code.
        if (error instanceof Error) error.message = `item ${index}: ${error.message}`;
        throw error;
      }
    });
    const seen = new Set<string>();
    for (const record of records) {
      const key = `${record.projectId}\u0000${record.id}`;
      if (seen.has(key))
        throw new ValidationError(`putMany holds id ${record.id} twice in project ${record.projectId}`);
      seen.add(key);
    }
    if (records.length === 0) return { items: [], failures: [] };
    const failures = await this.context.adapter.putMany(this.kind, records);
    const failed = new Set(failures.map((failure) => failure.index));
    return { items: records.filter((_, index) => !failed.has(index)), failures };
  }

  /** Point read by {projectId, id}; null when absent, including when it belongs to another project. */
  async get(ref: Ref): Promise<MemoryRecord<K> | null> {
    return this.context.adapter.get(this.kind, parseRef(ref));
  }

  /** Changes fields in place (no read-modify-write); NotFoundError when the record is absent. */
  async update(ref: Ref, patch: PatchInput<K>): Promise<MemoryRecord<K>> {
    const target = parseRef(ref);
    const changes = this.parseChanges(patch);
    const stamped = { ...changes, updatedAt: this.context.clock() } as StampedPatch<K>;
    const updated = await this.context.adapter.patch(this.kind, target, { set: stamped, add: {} });
    return updated ?? this.notFound(target);
  }

  /** Adds to counters atomically, optionally setting other fields in the same write. */
  async increment(ref: Ref, counters: Counters<K>, set?: PatchInput<K>): Promise<MemoryRecord<K>> {
    const target = parseRef(ref);
    const deltas = this.parseCounters(counters);
    const changes = set === undefined ? {} : this.parseChanges(set);
    for (const name of Object.keys(deltas)) {
      if (name in changes) throw new ValidationError(`'${name}' cannot be both incremented and set`);
    }
    const stamped = { ...changes, updatedAt: this.context.clock() } as StampedPatch<K>;
    const updated = await this.context.adapter.patch(this.kind, target, { set: stamped, add: deltas });
    return updated ?? this.notFound(target);
  }

  /** Deletes the record and its vector (DC-8); false when it did not exist. */
  async delete(ref: Ref): Promise<boolean> {
    return this.context.adapter.delete(this.kind, parseRef(ref));
  }

  /** Deletes every record matching the filter and says how many went (PC-1, PC-2). */
  async deleteWhere(filter: Filter<K>): Promise<number> {
    return this.context.adapter.deleteWhere(this.kind, parseFilter(this.kind, filter));
  }

  /** One page of matching records; pass `nextCursor` back to continue. */
  async find(query: FindQuery<K>): Promise<Page<K>> {
    assertQueryShape(query, 'find query', ['where', 'orderBy', 'limit', 'cursor']);
    const filter = parseFilter(this.kind, query.where);
    const order = this.parseOrder(query.orderBy);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new ValidationError(`limit must be 1 to ${MAX_PAGE_SIZE}`);
    }
    const after =
      query.cursor === undefined ? null : decodeCursor(query.cursor, order, orderValueSpec(this.kind, order));
    const rows = await this.context.adapter.find(this.kind, { filter, order, limit: limit + 1, after });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor(order, { value: orderValue(last, order), id: last.id })
        : null;
    return { items, nextCursor };
  }

  /** Vector, text or hybrid search under the same filter language as find. */
  async search(query: SearchQuery<K>): Promise<Hit<K>[]> {
    return runSearch(this.context.adapter, this.kind, query, this.context.dimension);
  }

  async count(filter: Filter<K>): Promise<number> {
    return this.context.adapter.count(this.kind, parseFilter(this.kind, filter));
  }

  /** Streams every record (of one project, or all), ordered by projectId then id. */
  scan(options: ScanOptions = {}): AsyncIterable<MemoryRecord<K>> {
    if (options.projectId !== undefined)
      parseFilter(this.kind, { projectId: options.projectId } as Filter<K>);
    return this.context.adapter.scan(this.kind, options);
  }

  private normalize(input: MemoryInput<K>): MemoryRecord<K> {
    return normalizeRecord(this.kind, input, {
      now: this.context.clock(),
      dimension: this.context.dimension,
    });
  }

  private parseChanges(patch: PatchInput<K>): Patch<K> {
    const changes = parsePatch(this.kind, patch);
    assertDimension((changes as { embedding?: Float32Array | null }).embedding, this.context.dimension);
    return changes;
  }

  private parseOrder(orderBy: FindQuery<K>['orderBy']): Order {
    if (orderBy === undefined) return { field: 'id', direction: 'asc' };
    const ratio = derivedRatio(this.kind, orderBy.field);
    const spec = fieldsOf(this.kind)[orderBy.field];
    const orderable =
      ratio !== undefined ||
      (spec && !spec.nullable && ['id', 'number', 'integer', 'instant'].includes(spec.type));
    if (!orderable) throw new ValidationError(`${this.kind} cannot be ordered by '${String(orderBy.field)}'`);
    const direction = orderBy.direction ?? 'asc';
    if (direction !== 'asc' && direction !== 'desc')
      throw new ValidationError("direction must be 'asc' or 'desc'");
    return ratio === undefined
      ? { field: orderBy.field, direction }
      : { field: orderBy.field, direction, ratio };
  }

  private parseCounters(counters: Counters<K>): Record<string, number> {
    const fields = fieldsOf(this.kind);
    const entries = Object.entries(counters ?? {}).filter(([, delta]) => delta !== undefined);
    if (entries.length === 0) throw new ValidationError('increment names no counter');
    for (const [name, delta] of entries) {
      if (!fields[name]?.counter) throw new ValidationError(`'${name}' is not a counter of ${this.kind}`);
      if (!Number.isSafeInteger(delta))
        throw new ValidationError(`increment of '${name}' must be a whole number`);
    }
    return Object.fromEntries(entries) as Record<string, number>;
  }

  private notFound(ref: Ref): never {
    throw new NotFoundError(`${this.kind} ${ref.id} not found in project ${ref.projectId}`, {
      details: { ...ref },
    });
  }
}
