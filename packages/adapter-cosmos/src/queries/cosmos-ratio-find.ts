import {
  type AdapterFindQuery,
  type Kind,
  keysetPage,
  type MemoryRecord,
  orderValue,
  type RatioOrder,
} from '@alma/core';
import { fromDocument } from '../cosmos-conversion.js';
import { type CosmosDocument, upgradeDocument } from '../schema/cosmos-schema.js';
import { matchingByIdsQuery, ratioInputsQuery } from './cosmos-queries.js';
import { queryAll, queryPages } from './cosmos-query-runner.js';
import type { SearchContext } from './cosmos-search.js';

/**
 * find ordered by a derived field (a ratio of two counters, e.g. heuristic.successRate). Cosmos DB
 * cannot ORDER BY an expression, so this projects the id and both counters of every matching
 * document of the partition (every page), computes the ratio with core's `orderValue`, keeps the
 * keyset page, then reads those documents in one query. The cost is O(n) in the partition's
 * matching records for every page, against O(page) for a stored field.
 *
 * This is the place to switch to a computed property (the ratio defined on the container, then
 * `ORDER BY c.<property>` over a composite index, like a stored field): the stand-in the tests run
 * against, @vercel/cosmosdb-server, has no computed properties, so that path could not be tested.
 */
export async function findByRatio<K extends Kind>(
  context: SearchContext<K>,
  query: AdapterFindQuery,
  order: RatioOrder,
): Promise<MemoryRecord<K>[]> {
  const { kind, container, upgrades } = context;
  const { filter } = query;
  const keyOf = (inputs: CosmosDocument) => ({ value: orderValue(inputs, order), id: String(inputs.id) });
  const pages = queryPages<CosmosDocument>(
    container,
    ratioInputsQuery(kind, filter, order.ratio),
    filter.projectId,
    `finding ${kind} by ${order.field}`,
  );
  let best: CosmosDocument[] = [];
  for await (const page of pages) {
    // A projection carries no schemaVersion, so every upgrade runs; upgrades keep present values
    // and only fill a counter an older layout lacked. The best `limit` of the pages so far and this
    // one are the best of all: memory stays O(limit + page), not O(partition).
    const inputs = page.map((projection) => upgradeDocument(kind, projection, upgrades));
    best = keysetPage([...best, ...inputs], keyOf, query);
  }
  if (best.length === 0) return [];
  const ids = best.map((inputs) => String(inputs.id));
  const documents = await queryAll<CosmosDocument>(
    container,
    matchingByIdsQuery(kind, filter, ids),
    filter.projectId,
    `reading ${kind} by ${order.field}`,
  );
  const byId = new Map(documents.map((document) => [String(document.id), document]));
  // One deleted (or changed out of the filter) since the projection is left out, as it would be
  // from the next page anyway; the order is the projection's.
  return ids.flatMap((id) => {
    const document = byId.get(id);
    return document === undefined ? [] : [fromDocument(kind, document, upgrades)];
  });
}
