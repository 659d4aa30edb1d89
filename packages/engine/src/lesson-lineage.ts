import { type MemoryRecord, NotFoundError } from '@alma/core';
import type { EngineContext } from './engine-context.js';
import type { LessonKind } from './lesson-matching.js';

/**
 * The metadata key under which a learnt outcome names the lesson of each kind it created or counted
 * toward (reinforced, weakened). The engine owns these keys on outcomes.
 */
export const LINEAGE_KEYS = {
  heuristic: 'heuristicId',
  antiPattern: 'antiPatternId',
} as const satisfies Record<LessonKind, string>;

export const DEFAULT_LINEAGE_PAGE = 100;

export interface LineagePage {
  /** 1 to 1,000 outcomes naming the lesson per page; default 100. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

export interface LessonLineage<K extends LessonKind> {
  readonly lesson: MemoryRecord<K>;
  /**
   * Newest first: the outcomes that created or counted toward the lesson, a page at a time; the last
   * page also holds the agent's outcomes of the same task type from before the lesson existed (the
   * evidence it was created from).
   */
  readonly outcomes: readonly MemoryRecord<'outcome'>[];
  readonly nextCursor: string | null;
}

/**
 * Where a lesson came from, a page at a time: a lesson reinforced by 100k outcomes is read by keyset
 * pages of the outcomes that name it; the evidence from before it (at most the learning window)
 * closes the last page, as it is older than every outcome that names the lesson.
 */
export async function lessonLineage<K extends LessonKind>(
  context: EngineContext,
  kind: K,
  id: string,
  page: LineagePage = {},
): Promise<LessonLineage<K>> {
  const { store, projectId } = context;
  const lesson = (await store.kind(kind).get({ projectId, id })) as MemoryRecord<K> | null;
  if (!lesson)
    throw new NotFoundError(`${kind} ${id} not found in project ${projectId}`, { details: { kind, id } });
  const key = LINEAGE_KEYS[kind];
  const named = await store.outcomes.find({
    where: { projectId, agent: lesson.agent, metadata: { [key]: lesson.id } },
    orderBy: { field: 'timestamp', direction: 'desc' },
    limit: page.limit ?? DEFAULT_LINEAGE_PAGE,
    ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
  });
  if (named.nextCursor !== null) return { lesson, outcomes: named.items, nextCursor: named.nextCursor };
  const taskType = lesson.metadata.taskType;
  const evidence =
    typeof taskType === 'string'
      ? (
          await store.outcomes.find({
            where: { projectId, agent: lesson.agent, taskType, timestamp: { lte: lesson.createdAt } },
            orderBy: { field: 'timestamp', direction: 'desc' },
            limit: context.config.learning.recentWindow,
          })
        ).items.filter((outcome) => outcome.metadata[key] !== lesson.id)
      : [];
  const outcomes = [...named.items, ...evidence].sort(
    (a, b) => b.timestamp.getTime() - a.timestamp.getTime() || (a.id < b.id ? 1 : -1),
  );
  return { lesson, outcomes, nextCursor: null };
}
