import { type MemoryRecord, NotFoundError } from '@alma/core';
import type { EngineContext } from './engine-context.js';
import type { LessonKind } from './lesson-matching.js';
import { findAll } from './workflow/find-all.js';

/**
 * The metadata key under which a learnt outcome names the lesson of each kind it created or counted
 * toward (reinforced, weakened). The engine owns these keys on outcomes.
 */
export const LINEAGE_KEYS = {
  heuristic: 'heuristicId',
  antiPattern: 'antiPatternId',
} as const satisfies Record<LessonKind, string>;

export interface LessonLineage<K extends LessonKind> {
  readonly lesson: MemoryRecord<K>;
  /**
   * The outcomes that created or counted toward the lesson, and the agent's outcomes of the same
   * task type from before it existed (the evidence it was created from), newest first.
   */
  readonly outcomes: readonly MemoryRecord<'outcome'>[];
}

/** Where a lesson came from: the outcomes that name it, and those it was learnt from. */
export async function lessonLineage<K extends LessonKind>(
  context: EngineContext,
  kind: K,
  id: string,
): Promise<LessonLineage<K>> {
  const { store, projectId } = context;
  const lesson = (await store.kind(kind).get({ projectId, id })) as MemoryRecord<K> | null;
  if (!lesson)
    throw new NotFoundError(`${kind} ${id} not found in project ${projectId}`, { details: { kind, id } });
  const named = await findAll(store.outcomes, {
    projectId,
    agent: lesson.agent,
    metadata: { [LINEAGE_KEYS[kind]]: lesson.id },
  });
  const taskType = lesson.metadata.taskType;
  const evidence =
    typeof taskType === 'string'
      ? (
          await store.outcomes.find({
            where: { projectId, agent: lesson.agent, taskType, timestamp: { lte: lesson.createdAt } },
            orderBy: { field: 'timestamp', direction: 'desc' },
            limit: context.config.learning.recentWindow,
          })
        ).items
      : [];
  const byId = new Map([...evidence, ...named].map((outcome) => [outcome.id, outcome]));
  const outcomes = [...byId.values()].sort(
    (a, b) => b.timestamp.getTime() - a.timestamp.getTime() || (a.id < b.id ? 1 : -1),
  );
  return { lesson, outcomes };
}
