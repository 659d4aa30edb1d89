import type { MemoryRecord } from '@alma/core';
import { cosineSimilarity, embeddingText, normalizeRecord, uuidv7 } from '@alma/core';
import type { EngineContext } from './engine-context.js';
import {
  type GroupLessons,
  type PendingOutcome,
  settledLessons,
  withoutPending,
  withPending,
} from './interrupted-learn.js';
import { lessonId } from './lesson-id.js';
import { LINEAGE_KEYS } from './lesson-lineage.js';
import { type LessonKind, matchingLesson } from './lesson-matching.js';
import { lessonScopeOf, scopeFields, type WorkflowScope } from './workflow/workflow-scope.js';

/** What an agent reports after a task. */
export interface LearnInput {
  readonly agent: string;
  /** The category learning groups by; it must be within the agent's `canLearn`. */
  readonly taskType: string;
  readonly taskDescription: string;
  readonly success: boolean;
  readonly strategyUsed: string;
  readonly durationMs?: number | null | undefined;
  readonly errorMessage?: string | null | undefined;
  readonly userFeedback?: string | null | undefined;
  readonly metadata?: MemoryRecord<'outcome'>['metadata'] | undefined;
  /** Where in a workflow the task ran; lessons it creates belong to the same tenant and workflow. */
  readonly scope?: WorkflowScope | undefined;
}

/** created: a new lesson; reinforced: a success (or, for anti-patterns, a failure) added to it; weakened: a failure added to a heuristic. */
export type LessonAction = 'created' | 'reinforced' | 'weakened';

export interface LessonChange<K extends 'heuristic' | 'antiPattern'> {
  readonly action: LessonAction;
  readonly record: MemoryRecord<K>;
}

export interface LearnResult {
  readonly outcome: MemoryRecord<'outcome'>;
  readonly heuristic: LessonChange<'heuristic'> | null;
  readonly antiPattern: LessonChange<'antiPattern'> | null;
}

/** The evidence one learn call weighs: the agent's recent outcomes of the task type with a similar strategy. */
interface Evidence {
  readonly outcome: MemoryRecord<'outcome'>;
  readonly strategy: Float32Array;
  readonly similar: readonly MemoryRecord<'outcome'>[];
  readonly successes: number;
  readonly now: Date;
}

/**
 * Updates what the outcome teaches, then saves it. A matching heuristic (same agent and task type,
 * strategy embedding within the similarity threshold) takes the outcome into its counts; without one,
 * `minOccurrences` similar recent outcomes with a success rate above 0.5 create it. Failures do the
 * same for anti-patterns: a matching one is reinforced, else `antiPatternMinFailures` similar
 * failures of a strategy that is not a net success create it. The caller holds the exclusive
 * lease of (project, agent, task type), so across engines and processes no lesson is created twice
 * and no outcome is counted twice (decision 105).
 *
 * A learn is repaired if it dies midway: the lessons it changes carry a mark naming its outcome
 * until the outcome is written, and the next learn of the group undoes or keeps the change by
 * whether that outcome exists (interrupted-learn.ts).
 */
export async function learnFromOutcome(context: EngineContext, input: LearnInput): Promise<LearnResult> {
  const { store, projectId } = context;
  const lessons = await settledLessons(context, input.agent, input.taskType);
  const now = context.clock();
  const [embedding, strategy] = await context.vectors.embed([
    embeddingText('outcome', input),
    input.strategyUsed,
  ]);
  // Validated now, written after the lessons count it: a learn killed in between leaves marked
  // lessons and no outcome, which the next learn of the group undoes (settledLessons).
  const outcome = normalizeRecord(
    'outcome',
    {
      id: uuidv7(),
      projectId,
      agent: input.agent,
      taskType: input.taskType,
      taskDescription: input.taskDescription,
      success: input.success,
      strategyUsed: input.strategyUsed,
      durationMs: input.durationMs ?? null,
      errorMessage: input.errorMessage ?? null,
      userFeedback: input.userFeedback ?? null,
      metadata: { ...input.metadata },
      timestamp: now,
      embedding: embedding!,
      ...scopeFields(input.scope),
    },
    { now, dimension: store.dimension },
  );
  const similar = await similarRecentOutcomes(context, outcome, strategy!);
  const evidence: Evidence = {
    outcome,
    strategy: strategy!,
    similar,
    successes: similar.filter((o) => o.success).length,
    now,
  };
  const heuristic = await learnHeuristic(context, evidence, lessons.heuristics);
  const antiPattern = outcome.success ? null : await learnAntiPattern(context, evidence, lessons);
  // The outcome names the lessons it created or counted toward: their lineage (lesson-lineage.ts).
  const saved = await store.outcomes.put({
    ...outcome,
    metadata: {
      ...outcome.metadata,
      ...(heuristic ? { [LINEAGE_KEYS.heuristic]: heuristic.record.id } : {}),
      ...(antiPattern ? { [LINEAGE_KEYS.antiPattern]: antiPattern.record.id } : {}),
    },
  });
  return {
    outcome: saved,
    heuristic: await unmarked(context, 'heuristic', heuristic),
    antiPattern: await unmarked(context, 'antiPattern', antiPattern),
  };
}

/** The outcome is written: the lesson's mark goes (a crash before this is settled by the next learn). */
async function unmarked<K extends LessonKind>(
  context: EngineContext,
  kind: K,
  change: LessonChange<K> | null,
): Promise<LessonChange<K> | null> {
  if (change === null) return null;
  const metadata = withoutPending(change.record.metadata);
  const record = await context.store.kind(kind).update(change.record, { metadata } as never);
  return { action: change.action, record };
}

async function similarRecentOutcomes(
  context: EngineContext,
  outcome: MemoryRecord<'outcome'>,
  strategy: Float32Array,
): Promise<MemoryRecord<'outcome'>[]> {
  const { items } = await context.store.outcomes.find({
    where: { projectId: context.projectId, agent: outcome.agent, taskType: outcome.taskType },
    orderBy: { field: 'timestamp', direction: 'desc' },
    limit: context.config.learning.recentWindow,
  });
  // The outcome being learnt always counts (it is written after its lessons), as the newest.
  const window = context.config.learning.recentWindow;
  const recent = [outcome, ...items.filter((o) => o.id !== outcome.id)].slice(0, window);
  const vectors = await context.vectors.embed(recent.map((o) => o.strategyUsed));
  const threshold = context.config.learning.similarityThreshold;
  return recent.filter((_, i) => cosineSimilarity(strategy, vectors[i]!) >= threshold);
}

async function learnHeuristic(
  context: EngineContext,
  evidence: Evidence,
  heuristics: readonly MemoryRecord<'heuristic'>[],
): Promise<LessonChange<'heuristic'> | null> {
  const { outcome, now } = evidence;
  const collection = context.store.heuristics;
  const match = await matchingLesson(context, 'heuristic', heuristics, evidence.strategy);
  if (match) {
    const occurrenceCount = match.occurrenceCount + 1;
    const successCount = match.successCount + (outcome.success ? 1 : 0);
    // Counts are atomic increments; confidence is computed from the counts this writer expects and
    // corrected below if the increment shows another writer got in between.
    let record = await collection.increment(
      match,
      { occurrenceCount: 1, ...(outcome.success ? { successCount: 1 } : {}) },
      {
        confidence: successCount / occurrenceCount,
        ...(outcome.success ? { lastValidated: now } : {}),
        metadata: withPending(match.metadata, pendingFor(outcome, false)),
      },
    );
    if (record.occurrenceCount !== occurrenceCount || record.successCount !== successCount) {
      record = await collection.update(record, { confidence: record.successCount / record.occurrenceCount });
    }
    return { action: outcome.success ? 'reinforced' : 'weakened', record };
  }
  const { similar, successes } = evidence;
  const minOccurrences =
    context.scopes.scopeOf(outcome.agent).minOccurrences ?? context.config.learning.minOccurrences;
  if (similar.length < minOccurrences || successes / similar.length <= 0.5) return null;
  const condition = `task type: ${outcome.taskType}`;
  const [embedding] = await context.vectors.embed([
    embeddingText('heuristic', { condition, strategy: outcome.strategyUsed }),
  ]);
  const record = await collection.put({
    id: lessonId('heuristic', context.projectId, outcome.agent, outcome.taskType, outcome.strategyUsed),
    projectId: context.projectId,
    agent: outcome.agent,
    condition,
    strategy: outcome.strategyUsed,
    confidence: successes / similar.length,
    occurrenceCount: similar.length,
    successCount: successes,
    lastValidated: now,
    metadata: withPending({ taskType: outcome.taskType }, pendingFor(outcome, true)),
    embedding: embedding!,
    ...lessonScopeOf(outcome),
  });
  return { action: 'created', record };
}

async function learnAntiPattern(
  context: EngineContext,
  evidence: Evidence,
  { heuristics, antiPatterns }: GroupLessons,
): Promise<LessonChange<'antiPattern'> | null> {
  const { outcome, now, similar, successes } = evidence;
  const collection = context.store.antiPatterns;
  const match = await matchingLesson(context, 'antiPattern', antiPatterns, evidence.strategy);
  if (match) {
    const record = await collection.increment(
      match,
      { occurrenceCount: 1 },
      { lastSeen: now, metadata: withPending(match.metadata, pendingFor(outcome, false)) },
    );
    return { action: 'reinforced', record };
  }
  const failures = similar.filter((o) => !o.success);
  if (failures.length < context.config.learning.antiPatternMinFailures || successes / similar.length > 0.5) {
    return null;
  }
  const whyBad =
    failures.find((o) => o.errorMessage)?.errorMessage ??
    `failed ${failures.length} of ${similar.length} recent '${outcome.taskType}' tasks`;
  const better = [...heuristics]
    .filter((h) => h.confidence > 0.5)
    .sort((a, b) => b.confidence - a.confidence || (a.id < b.id ? -1 : 1))[0];
  const fields = { pattern: outcome.strategyUsed, whyBad };
  const [embedding] = await context.vectors.embed([embeddingText('antiPattern', fields)]);
  const record = await collection.put({
    id: lessonId('antiPattern', context.projectId, outcome.agent, outcome.taskType, outcome.strategyUsed),
    projectId: context.projectId,
    agent: outcome.agent,
    ...fields,
    betterAlternative: better?.strategy ?? 'no proven alternative yet',
    occurrenceCount: failures.length,
    lastSeen: now,
    metadata: withPending({ taskType: outcome.taskType }, pendingFor(outcome, true)),
    embedding: embedding!,
    ...lessonScopeOf(outcome),
  });
  return { action: 'created', record };
}

/** The mark a lesson carries until this learn's outcome is written. */
function pendingFor(outcome: MemoryRecord<'outcome'>, created: boolean): PendingOutcome {
  return { id: outcome.id, success: outcome.success, created };
}
