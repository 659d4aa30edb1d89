import {
  type Checkpoint,
  MAX_PAGE_SIZE,
  NotFoundError,
  normalizeRecord,
  type Page,
  uuidv7,
  ValidationError,
} from '@alma/core';
import type { EngineContext } from '../engine-context.js';
import { findAll } from './find-all.js';
import { stateHash } from './state-hash.js';

export interface CheckpointInput {
  readonly runId: string;
  readonly nodeId: string;
  /** The workflow's state after the node: a JSON object. */
  readonly state: Readonly<Record<string, unknown>>;
  /** Null or absent: the main branch. */
  readonly branchId?: string | null | undefined;
  /** Default: the latest checkpoint of the same run and branch, so each branch is a chain. */
  readonly parentCheckpointId?: string | null | undefined;
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
  /** Default true: no checkpoint when the branch's latest one holds the same state. */
  readonly skipIfUnchanged?: boolean | undefined;
}

/** The checkpoint written, or `skipped` with the latest one when the state had not changed. */
export type CheckpointResult =
  | { readonly skipped: false; readonly checkpoint: Checkpoint }
  | { readonly skipped: true; readonly checkpoint: Checkpoint };

/** Checkpoints of one run are numbered by one writer at a time, across engines and processes. */
function runLockKey(context: EngineContext, runId: string): string {
  return JSON.stringify(['checkpoint', context.projectId, runId]);
}

/**
 * Saves the state after a node. Sequence numbers run 1, 2, 3, … per run across its branches and are
 * unique even when parallel branches checkpoint at once: numbering happens under the run's
 * exclusive lease (decision 106), on every backend alike.
 */
export async function saveCheckpoint(
  context: EngineContext,
  input: CheckpointInput,
): Promise<CheckpointResult> {
  const { store, projectId } = context;
  const hash = stateHash(input.state);
  // Validated before the lease is taken: a bad input costs no lock.
  const draft = normalizeRecord(
    'checkpoint',
    {
      id: uuidv7(),
      projectId,
      runId: input.runId,
      nodeId: input.nodeId,
      branchId: input.branchId ?? null,
      parentCheckpointId: input.parentCheckpointId ?? null,
      sequenceNumber: 1,
      state: input.state as Record<string, never>,
      stateHash: hash,
      metadata: { ...input.metadata } as Record<string, never>,
    },
    { now: context.clock(), dimension: store.dimension },
  );
  return store.exclusive(runLockKey(context, draft.runId), async () => {
    const latestOfBranch = await latestCheckpoint(context, draft.runId, draft.branchId);
    if ((input.skipIfUnchanged ?? true) && latestOfBranch?.stateHash === hash) {
      return { skipped: true, checkpoint: latestOfBranch };
    }
    const parentCheckpointId = draft.parentCheckpointId ?? latestOfBranch?.id ?? null;
    if (draft.parentCheckpointId !== null)
      await assertCheckpointOfRun(context, draft.parentCheckpointId, draft.runId);
    const latestOfRun = await latestCheckpoint(context, draft.runId, undefined);
    const now = context.clock();
    const checkpoint = await store.kind('checkpoint').put({
      ...draft,
      parentCheckpointId,
      sequenceNumber: (latestOfRun?.sequenceNumber ?? 0) + 1,
      createdAt: now,
      updatedAt: now,
    });
    return { skipped: false, checkpoint };
  });
}

/** The checkpoint to resume from: the run's latest, or its branch's latest; null when it has none. */
export function resumePoint(
  context: EngineContext,
  runId: string,
  branchId?: string | null,
): Promise<Checkpoint | null> {
  assertKey('runId', runId);
  return latestCheckpoint(context, runId, branchId ?? undefined);
}

/** Every checkpoint of a run in sequence order: its branches and the parent links between them. */
export async function checkpointsOfRun(context: EngineContext, runId: string): Promise<Checkpoint[]> {
  assertKey('runId', runId);
  const all = await findAll(context.store.kind('checkpoint'), { projectId: context.projectId, runId });
  return all.sort((a, b) => a.sequenceNumber - b.sequenceNumber);
}

export interface CheckpointPageQuery {
  /** 1 to 1,000; default 1,000. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One keyset page of a run's checkpoints in sequence order, for runs too long to read whole. */
export async function checkpointPage(
  context: EngineContext,
  runId: string,
  query: CheckpointPageQuery = {},
): Promise<Page<'checkpoint'>> {
  assertKey('runId', runId);
  return context.store.kind('checkpoint').find({
    where: { projectId: context.projectId, runId },
    orderBy: { field: 'sequenceNumber', direction: 'asc' },
    limit: query.limit ?? MAX_PAGE_SIZE,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
}

/** Deletes a finished run's checkpoints but the latest `keepLatest`; returns how many went. */
export async function cleanupCheckpoints(
  context: EngineContext,
  runId: string,
  keepLatest = 1,
): Promise<number> {
  assertKey('runId', runId);
  if (!Number.isSafeInteger(keepLatest) || keepLatest < 0) {
    throw new ValidationError('keepLatest must be a whole number, 0 or more', { details: { keepLatest } });
  }
  return context.store.exclusive(runLockKey(context, runId), async () => {
    const all = await checkpointsOfRun(context, runId);
    const doomed = all.slice(0, Math.max(0, all.length - keepLatest));
    if (doomed.length === 0) return 0;
    return context.store.kind('checkpoint').deleteWhere({
      projectId: context.projectId,
      id: { in: doomed.map((checkpoint) => checkpoint.id) },
    });
  });
}

/** Latest by sequence number: of the run, or (branchId given, null for the main branch) of one branch. */
async function latestCheckpoint(
  context: EngineContext,
  runId: string,
  branchId: string | null | undefined,
): Promise<Checkpoint | null> {
  const where = {
    projectId: context.projectId,
    runId,
    ...(branchId === undefined ? {} : { branchId }),
  };
  const { items } = await context.store.kind('checkpoint').find({
    where,
    orderBy: { field: 'sequenceNumber', direction: 'desc' },
    limit: 1,
  });
  return items[0] ?? null;
}

async function assertCheckpointOfRun(context: EngineContext, id: string, runId: string): Promise<void> {
  const parent = await context.store.kind('checkpoint').get({ projectId: context.projectId, id });
  if (parent === null || parent.runId !== runId) {
    throw new NotFoundError(`parent checkpoint ${id} is not a checkpoint of run '${runId}'`, {
      details: { parentCheckpointId: id, runId },
    });
  }
}

function assertKey(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(`${name} must be a non-empty string`, { details: { [name]: value } });
  }
}

/** A workflow run as its checkpoints describe it. */
export interface WorkflowRun {
  readonly runId: string;
  readonly checkpoints: number;
  /** Its named branches; the main branch is not listed. */
  readonly branches: readonly string[];
  readonly latestAt: Date;
}

/** The project's runs with checkpoints, latest first, at most `limit`. */
export async function workflowRuns(context: EngineContext, limit: number): Promise<WorkflowRun[]> {
  const runs = new Map<string, { checkpoints: number; branches: Set<string>; latestAt: Date }>();
  for (const checkpoint of await findAll(context.store.kind('checkpoint'), {
    projectId: context.projectId,
  })) {
    const run = runs.get(checkpoint.runId) ?? {
      checkpoints: 0,
      branches: new Set<string>(),
      latestAt: checkpoint.createdAt,
    };
    run.checkpoints += 1;
    if (checkpoint.branchId !== null) run.branches.add(checkpoint.branchId);
    if (checkpoint.createdAt > run.latestAt) run.latestAt = checkpoint.createdAt;
    runs.set(checkpoint.runId, run);
  }
  return [...runs.entries()]
    .map(([runId, run]) => ({
      runId,
      checkpoints: run.checkpoints,
      branches: [...run.branches].sort(),
      latestAt: run.latestAt,
    }))
    .sort((a, b) => b.latestAt.getTime() - a.latestAt.getTime() || (a.runId < b.runId ? -1 : 1))
    .slice(0, limit);
}
