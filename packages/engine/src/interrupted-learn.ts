import type { MemoryRecord } from '@alma/core';
import type { EngineContext } from './engine-context.js';
import { type LessonKind, lessonsOf } from './lesson-matching.js';

/**
 * The metadata key a lesson carries while the learn that changed it has not yet written its
 * outcome. A learn counts the outcome into its lessons first, writes the outcome, then removes the
 * mark; a process killed in between leaves the mark, and the next learn of the group reads it.
 */
export const PENDING_OUTCOME = 'pendingOutcome';

/** What a lesson's mark says about the change it holds. */
export interface PendingOutcome {
  readonly id: string;
  readonly success: boolean;
  /** The learn created the lesson (rather than counting into it). */
  readonly created: boolean;
}

type Metadata = MemoryRecord<'heuristic'>['metadata'];

export function withPending(metadata: Metadata, pending: PendingOutcome): Metadata {
  return { ...metadata, [PENDING_OUTCOME]: { ...pending } };
}

export function withoutPending(metadata: Metadata): Metadata {
  const { [PENDING_OUTCOME]: _, ...rest } = metadata;
  return rest;
}

function pendingOf(lesson: MemoryRecord<LessonKind>): PendingOutcome | null {
  const value = lesson.metadata[PENDING_OUTCOME] as Partial<PendingOutcome> | undefined;
  if (typeof value?.id !== 'string' || typeof value.success !== 'boolean') return null;
  return { id: value.id, success: value.success, created: value.created === true };
}

/** The group's lessons after any interrupted learn is settled: a learn reads them next. */
export interface GroupLessons {
  readonly heuristics: MemoryRecord<'heuristic'>[];
  readonly antiPatterns: MemoryRecord<'antiPattern'>[];
}

/**
 * Loads the lessons of (agent, task type) and settles a learn that died midway (the caller holds
 * the group's lease, so no learn is running). Its outcome was written: only the mark remains, and
 * goes. Its outcome was never written: the lesson's change is undone (a created lesson removed, a
 * count taken back), so every lesson counts exactly the outcomes that exist. Idempotent: a repair
 * that itself dies is finished by the next learn.
 */
export async function settledLessons(
  context: EngineContext,
  agent: string,
  taskType: string,
): Promise<GroupLessons> {
  return {
    heuristics: await settle(context, 'heuristic', agent, taskType),
    antiPatterns: await settle(context, 'antiPattern', agent, taskType),
  };
}

async function settle<K extends LessonKind>(
  context: EngineContext,
  kind: K,
  agent: string,
  taskType: string,
): Promise<MemoryRecord<K>[]> {
  const lessons = await lessonsOf(context, kind, agent, taskType);
  if (!lessons.some((lesson) => pendingOf(lesson) !== null)) return lessons;
  for (const lesson of lessons) {
    const pending = pendingOf(lesson);
    if (pending === null) continue;
    await undoOrKeep(context, kind, lesson, pending);
  }
  return lessonsOf(context, kind, agent, taskType);
}

async function undoOrKeep<K extends LessonKind>(
  context: EngineContext,
  kind: K,
  lesson: MemoryRecord<K>,
  pending: PendingOutcome,
): Promise<void> {
  const { store, projectId } = context;
  const collection = store.kind(kind);
  const metadata = withoutPending(lesson.metadata);
  if (await store.outcomes.get({ projectId, id: pending.id })) {
    await collection.update(lesson, { metadata } as never);
    return;
  }
  if (pending.created) {
    await collection.delete(lesson);
    return;
  }
  if (kind === 'antiPattern') {
    await store.antiPatterns.increment(
      lesson as MemoryRecord<'antiPattern'>,
      { occurrenceCount: -1 },
      { metadata },
    );
    return;
  }
  const heuristic = lesson as MemoryRecord<'heuristic'>;
  const occurrences = heuristic.occurrenceCount - 1;
  const successes = heuristic.successCount - (pending.success ? 1 : 0);
  await store.heuristics.increment(
    heuristic,
    { occurrenceCount: -1, ...(pending.success ? { successCount: -1 } : {}) },
    { confidence: occurrences > 0 ? successes / occurrences : 0, metadata },
  );
}
