import type { Collection, Filter, Kind, MemoryRecord, MemoryStore, Page } from '@alma/core';
import { MAX_PAGE_SIZE } from '@alma/core';

const DAY_MS = 86_400_000;

/** Outcomes and lessons per UTC day and agent: what the explorer's overview charts. */
export interface Activity {
  readonly from: string;
  readonly to: string;
  readonly outcomes: { date: string; agent: string; successes: number; failures: number }[];
  readonly lessons: { date: string; agent: string; heuristics: number; antiPatterns: number }[];
}

/**
 * Reads the outcomes of the last `days` days (by their timestamp) and the lessons created in them,
 * a page at a time, and counts them per day and agent. Days without any are left out.
 */
export async function activityOf(
  store: MemoryStore,
  projectId: string,
  days: number,
  now: Date,
): Promise<Activity> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (days - 1) * DAY_MS);
  const outcomes = new Map<string, Activity['outcomes'][number]>();
  for await (const outcome of pages(store.outcomes, { projectId, timestamp: { gte: since } })) {
    const entry = entryOf(outcomes, outcome.timestamp, outcome.agent, { successes: 0, failures: 0 });
    if (outcome.success) entry.successes += 1;
    else entry.failures += 1;
  }
  const lessons = new Map<string, Activity['lessons'][number]>();
  const none = { heuristics: 0, antiPatterns: 0 };
  for await (const lesson of pages(store.heuristics, { projectId, createdAt: { gte: since } })) {
    entryOf(lessons, lesson.createdAt, lesson.agent, none).heuristics += 1;
  }
  for await (const lesson of pages(store.antiPatterns, { projectId, createdAt: { gte: since } })) {
    entryOf(lessons, lesson.createdAt, lesson.agent, none).antiPatterns += 1;
  }
  return {
    from: dayOf(since),
    to: dayOf(new Date(today)),
    outcomes: ordered(outcomes.values()),
    lessons: ordered(lessons.values()),
  };
}

/** The day and agent's entry, created with `zero` counts on first use. */
function entryOf<T extends { date: string; agent: string }>(
  entries: Map<string, T>,
  at: Date,
  agent: string,
  zero: Omit<T, 'date' | 'agent'>,
): T {
  const date = dayOf(at);
  const key = `${date}\u0000${agent}`;
  let entry = entries.get(key);
  if (!entry) {
    entry = { date, agent, ...zero } as T;
    entries.set(key, entry);
  }
  return entry;
}

function ordered<T extends { date: string; agent: string }>(entries: Iterable<T>): T[] {
  return [...entries].sort((a, b) =>
    a.date === b.date ? (a.agent < b.agent ? -1 : 1) : a.date < b.date ? -1 : 1,
  );
}

/** Every record the filter matches, a page at a time. */
async function* pages<K extends Kind>(
  collection: Collection<K>,
  where: Filter<K>,
): AsyncGenerator<MemoryRecord<K>> {
  let cursor: string | null = null;
  do {
    const page: Page<K> = await collection.find({
      where,
      limit: MAX_PAGE_SIZE,
      ...(cursor === null ? {} : { cursor }),
    });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}
