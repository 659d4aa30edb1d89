import { type Collection, type Filter, type Kind, MAX_PAGE_SIZE, type MemoryRecord } from '@alma/core';

/** Every record the filter matches, in id order, read a page at a time. */
export async function findAll<K extends Kind>(
  collection: Collection<K>,
  where: Filter<K>,
): Promise<MemoryRecord<K>[]> {
  const records: MemoryRecord<K>[] = [];
  let cursor: string | null = null;
  do {
    const page = await collection.find({
      where,
      limit: MAX_PAGE_SIZE,
      ...(cursor === null ? {} : { cursor }),
    });
    records.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return records;
}
