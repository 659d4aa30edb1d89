import { exportStore, type MemoryStore } from '@alma/core';

/** A store's whole export as one string: two stores hold the same data when these are equal. */
export async function exportText(store: MemoryStore): Promise<string> {
  let text = '';
  for await (const line of exportStore(store)) text += line;
  return text;
}
