import { ConflictError, normalizeRecord, ValidationError, type WorkflowOutcome } from '@alma/core';
import type { EngineContext } from '../engine-context.js';
import { nameBasedId } from '../name-based-id.js';
import type { LearnInput, LearnResult } from '../outcome-learning.js';

/** How a run ended, as the original names it. */
export const WORKFLOW_RESULTS = ['success', 'failure', 'partial', 'cancelled', 'timeout'] as const;
export type WorkflowResult = (typeof WORKFLOW_RESULTS)[number];

export interface WorkflowLearnInput {
  readonly agent: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly result: WorkflowResult;
  readonly summary: string;
  readonly strategiesUsed?: readonly string[] | undefined;
  readonly successfulPatterns?: readonly string[] | undefined;
  readonly failedPatterns?: readonly string[] | undefined;
  readonly durationSeconds?: number | null | undefined;
  readonly nodeCount?: number | null | undefined;
  readonly errorMessage?: string | null | undefined;
  readonly tenantId?: string | null | undefined;
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
}

export interface WorkflowLearnResult {
  readonly workflowOutcome: WorkflowOutcome;
  /** What the run taught as a task of type `workflowId`; null when it named no strategy. */
  readonly learnt: LearnResult | null;
}

/**
 * Records how a run ended and learns from it like from any outcome: the run is one task of type
 * `workflowId` (so the agent must be allowed to learn it), its strategies the strategy used, and
 * agreeing runs become heuristics, repeated failures anti-patterns, filed under the tenant and
 * workflow. One outcome per run: a second is a ConflictError. A call that dies midway is finished
 * by its retry, which finds the run's outcome already learnt and does not count it twice.
 */
export async function learnFromWorkflow(
  context: EngineContext,
  input: WorkflowLearnInput,
  learn: (input: LearnInput) => Promise<LearnResult>,
): Promise<WorkflowLearnResult> {
  if (!(WORKFLOW_RESULTS as readonly unknown[]).includes(input?.result)) {
    throw new ValidationError(`result must be one of: ${WORKFLOW_RESULTS.join(', ')}`, {
      details: { result: input?.result },
    });
  }
  context.scopes.assertCanLearn(input.agent, input.workflowId);
  const { store, projectId } = context;
  const id = nameBasedId(['workflowOutcome', projectId, input.runId]);
  const [embedding] = await context.vectors.embed([`${input.workflowId}: ${input.summary}`]);
  const record = normalizeRecord(
    'workflowOutcome',
    {
      id,
      projectId,
      agent: input.agent,
      tenantId: input.tenantId ?? null,
      workflowId: input.workflowId,
      runId: input.runId,
      result: input.result,
      summary: input.summary,
      strategiesUsed: [...(input.strategiesUsed ?? [])],
      successfulPatterns: [...(input.successfulPatterns ?? [])],
      failedPatterns: [...(input.failedPatterns ?? [])],
      durationSeconds: input.durationSeconds ?? null,
      nodeCount: input.nodeCount ?? null,
      errorMessage: input.errorMessage ?? null,
      metadata: { ...input.metadata } as Record<string, never>,
      timestamp: context.clock(),
      embedding: embedding!,
    },
    { now: context.clock(), dimension: store.dimension },
  );
  return store.exclusive(JSON.stringify(['workflow-learn', projectId, input.runId]), async () => {
    const collection = store.kind('workflowOutcome');
    if ((await collection.get({ projectId, id })) !== null) {
      throw new ConflictError(`run '${input.runId}' already has an outcome`, {
        details: { runId: input.runId },
      });
    }
    const learnt = record.strategiesUsed.length === 0 ? null : await learnOnce(context, record, learn);
    return { workflowOutcome: await collection.put(record), learnt };
  });
}

/** Learns the run as an outcome, unless a call that died before writing the run's outcome already did. */
async function learnOnce(
  context: EngineContext,
  run: WorkflowOutcome,
  learn: (input: LearnInput) => Promise<LearnResult>,
): Promise<LearnResult | null> {
  const { items } = await context.store.outcomes.find({
    where: { projectId: context.projectId, agent: run.agent, metadata: { workflowRunId: run.runId } },
    limit: 1,
  });
  if (items.length > 0) return null;
  return learn({
    agent: run.agent,
    taskType: run.workflowId,
    taskDescription: run.summary,
    success: run.result === 'success',
    strategyUsed: run.strategiesUsed.join('; '),
    durationMs: run.durationSeconds === null ? null : Math.round(run.durationSeconds * 1000),
    errorMessage: run.errorMessage,
    metadata: { workflowRunId: run.runId },
    scope: { tenantId: run.tenantId, workflowId: run.workflowId, runId: run.runId },
  });
}
