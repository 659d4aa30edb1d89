import type { Container, SqlQuerySpec } from '@azure/cosmos';
import { guard } from '../cosmos-errors.js';

/** -1 lets the service size each page: as many items as fit its limit (4 MB on a real account). */
const PAGE_SIZE = -1;

/**
 * Runs a query and returns every result. With a partition key it is a single-partition query; only
 * the project enumeration of scan and migrate passes none.
 */
export async function queryAll<T>(
  container: Container,
  spec: SqlQuerySpec,
  partitionKey: string | null,
  action: string,
): Promise<T[]> {
  const options =
    partitionKey === null ? { maxItemCount: PAGE_SIZE } : { partitionKey, maxItemCount: PAGE_SIZE };
  return guard(action, async () => (await container.items.query<T>(spec, options).fetchAll()).resources);
}

/** Streams a single-partition query page by page, so a large partition never sits in memory at once. */
export async function* queryPages<T>(
  container: Container,
  spec: SqlQuerySpec,
  partitionKey: string,
  action: string,
): AsyncGenerator<T[]> {
  const iterator = container.items.query<T>(spec, { partitionKey, maxItemCount: PAGE_SIZE });
  while (iterator.hasMoreResults()) {
    const { resources } = await guard(action, () => iterator.fetchNext());
    if (resources.length > 0) yield resources;
  }
}
