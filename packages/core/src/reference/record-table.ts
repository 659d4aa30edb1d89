import { matchesFilter } from '../filter/evaluate-filter.js';
import type { NormalizedFilter } from '../filter/filter-types.js';
import { checkedCounter } from '../model/counter-range.js';
import { orderValue } from '../model/derived-order.js';
import type { Kind, MemoryRecord, Ref } from '../model/kinds.js';
import { keysetPage } from '../store/keyset-page.js';
import type {
  AdapterFindQuery,
  AdapterTextQuery,
  AdapterVectorQuery,
  ScanOptions,
  ScoredRecord,
} from '../store/query-types.js';
import type { StampedPatch } from '../store/store-adapter.js';
import { searchableTokens } from '../text/searchable-text.js';
import { cosineSimilarity } from '../vector-math/cosine.js';
import { TopItems } from '../vector-math/top-items.js';

type Fields = Record<string, unknown>;

/** Ties in a ranking go to the smaller id, on every backend that can. */
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The reference semantics of every store operation over in-memory records of one kind, partitioned
 * by project. The memory store is this table alone; the file store persists a log beside it.
 * Records are copied in and out, so callers can never alias stored state.
 */
export class RecordTable<K extends Kind> {
  private readonly projects = new Map<string, Map<string, MemoryRecord<K>>>();
  private readonly termCache = new WeakMap<object, { terms: Map<string, number>; length: number }>();

  constructor(readonly kind: K) {}

  get size(): number {
    let total = 0;
    for (const records of this.projects.values()) total += records.size;
    return total;
  }

  /** The projects this kind holds records of. */
  projectIds(): string[] {
    return [...this.projects.entries()]
      .filter(([, records]) => records.size > 0)
      .map(([projectId]) => projectId);
  }

  get(ref: Ref): MemoryRecord<K> | null {
    const record = this.projects.get(ref.projectId)?.get(ref.id);
    return record ? structuredClone(record) : null;
  }

  set(record: MemoryRecord<K>): void {
    let records = this.projects.get(record.projectId);
    if (!records) {
      records = new Map();
      this.projects.set(record.projectId, records);
    }
    records.set(record.id, structuredClone(record));
  }

  remove(ref: Ref): boolean {
    const records = this.projects.get(ref.projectId);
    const removed = records?.delete(ref.id) ?? false;
    if (records?.size === 0) this.projects.delete(ref.projectId);
    return removed;
  }

  /** The patched record, or null when absent. The caller decides whether to commit it with `set`. */
  patched(
    ref: Ref,
    patch: StampedPatch<K>,
    deltas: Readonly<Record<string, number>> = {},
  ): MemoryRecord<K> | null {
    const current = this.projects.get(ref.projectId)?.get(ref.id);
    if (!current) return null;
    const next: Fields = { ...(current as Fields), ...(patch as Fields) };
    for (const [name, delta] of Object.entries(deltas))
      next[name] = checkedCounter(name, (current as Fields)[name] as number, delta);
    return structuredClone(next) as MemoryRecord<K>;
  }

  /** Refs of the records the filter matches, so callers can log or index the removal. */
  matchingRefs(filter: NormalizedFilter): Ref[] {
    return [...this.matching(filter)].map(({ projectId, id }) => ({ projectId, id }));
  }

  find(query: AdapterFindQuery): MemoryRecord<K>[] {
    const keyOf = (record: MemoryRecord<K>) => ({ value: orderValue(record, query.order), id: record.id });
    return keysetPage(this.matching(query.filter), keyOf, query).map((record) => structuredClone(record));
  }

  count(filter: NormalizedFilter): number {
    let total = 0;
    for (const _ of this.matching(filter)) total++;
    return total;
  }

  searchVector(query: AdapterVectorQuery): ScoredRecord<K>[] {
    const best = new TopItems<MemoryRecord<K>>(query.k, byId);
    for (const record of this.matching(query.filter)) {
      if (record.embedding) best.offer(record, cosineSimilarity(query.vector, record.embedding));
    }
    return best.results().map(({ item, score }) => ({ record: structuredClone(item), score }));
  }

  searchText(query: AdapterTextQuery): ScoredRecord<K>[] {
    const best = new TopItems<MemoryRecord<K>>(query.k, byId);
    for (const record of this.matching(query.filter)) {
      const { terms, length } = this.termsOf(record);
      if (!query.tokens.every((token) => terms.has(token))) continue;
      const weight = query.tokens.reduce((sum, token) => sum + 1 + Math.log(terms.get(token) ?? 1), 0);
      best.offer(record, weight / Math.sqrt(length));
    }
    return best.results().map(({ item, score }) => ({ record: structuredClone(item), score }));
  }

  /** Every record of one project or all, ordered by projectId then id (code-unit order). */
  *scan(options: ScanOptions): Generator<MemoryRecord<K>> {
    const projectIds =
      options.projectId === undefined ? [...this.projects.keys()].sort() : [options.projectId];
    for (const projectId of projectIds) {
      const records = this.projects.get(projectId);
      if (!records) continue;
      for (const id of [...records.keys()].sort()) {
        const record = records.get(id);
        if (record) yield structuredClone(record);
      }
    }
  }

  private *matching(filter: NormalizedFilter): Generator<MemoryRecord<K>> {
    const records = this.projects.get(filter.projectId);
    if (!records) return;
    for (const record of records.values()) if (matchesFilter(record, filter)) yield record;
  }

  private termsOf(record: MemoryRecord<K>): { terms: Map<string, number>; length: number } {
    let cached = this.termCache.get(record);
    if (!cached) {
      const tokens = searchableTokens(this.kind, record);
      const terms = new Map<string, number>();
      for (const token of tokens) terms.set(token, (terms.get(token) ?? 0) + 1);
      cached = { terms, length: Math.max(tokens.length, 1) };
      this.termCache.set(record, cached);
    }
    return cached;
  }
}
