import { compareScalars } from '../filter/evaluate-filter.js';
import type { AdapterFindQuery, CursorPosition } from './query-types.js';

/**
 * One keyset page computed in memory: the items strictly after `query.after` in (value, id) order
 * of the query's direction, sorted, at most `query.limit`. The reference table pages with it, and so
 * does any backend that must compute the order value itself (Cosmos, for a derived order). The top
 * `limit` of a union is the top `limit` of its parts' pages, so a caller may fold it over batches.
 */
export function keysetPage<T>(
  items: Iterable<T>,
  keyOf: (item: T) => CursorPosition,
  query: Pick<AdapterFindQuery, 'order' | 'after' | 'limit'>,
): T[] {
  const sign = query.order.direction === 'asc' ? 1 : -1;
  const compare = (a: CursorPosition, b: CursorPosition) =>
    sign * (compareScalars(a.value, b.value) || compareScalars(a.id, b.id));
  const { after } = query;
  const keyed: { key: CursorPosition; item: T }[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (after === null || compare(key, after) > 0) keyed.push({ key, item });
  }
  return keyed
    .sort((a, b) => compare(a.key, b.key))
    .slice(0, query.limit)
    .map(({ item }) => item);
}
