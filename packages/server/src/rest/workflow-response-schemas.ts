import { z } from 'zod';
import { named } from './api-schema-registry.js';
import { jsonObject, recordSchema } from './record-json.js';
import { learnResultSchema } from './response-schemas.js';
import { CONSOLIDATED_PATHS } from './workflow-schemas.js';

/** What the workflow routes answer; like response-schemas.ts, one component per shape. */
const count = z.number().int().min(0);

export const checkpointSavedSchema = named(
  'CheckpointSaved',
  'The checkpoint written; or, skipped, the branch’s latest, which holds the same state',
  z.object({
    skipped: z.boolean().describe('True: the state had not changed and nothing was written'),
    checkpoint: recordSchema('checkpoint'),
  }),
);

export const resumePointSchema = named(
  'ResumePoint',
  'The checkpoint to resume a run from: its latest (or its branch’s); null when it has none',
  z.object({ runId: z.string(), checkpoint: recordSchema('checkpoint').nullable() }),
);

export const runCheckpointsSchema = named(
  'RunCheckpoints',
  'One page of a run’s checkpoints, every branch, in sequence order',
  z.object({
    runId: z.string(),
    items: z.array(recordSchema('checkpoint')),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
  }),
);

export const checkpointsCleanedSchema = named(
  'CheckpointsCleaned',
  'How many of a run’s checkpoints were deleted, the latest `keepLatest` kept',
  z.object({ runId: z.string(), deleted: count, keepLatest: count }),
);

export const mergedStateSchema = named(
  'MergedState',
  'The parallel branches’ states merged into one, key by key',
  z.object({ state: jsonObject }),
);

export const workflowLearnResultSchema = named(
  'WorkflowLearnResult',
  'The run’s outcome, and what it taught (null when it named no strategy)',
  z.object({ workflowOutcome: recordSchema('workflowOutcome'), learnt: learnResultSchema.nullable() }),
);

export const memoryArtifactsSchema = named(
  'MemoryArtifacts',
  'The artifacts linked to a memory, oldest first',
  z.object({ memoryId: z.string(), items: z.array(recordSchema('artifactLink')) }),
);

const mergeGroupSchema = named(
  'MergeGroup',
  'Near-duplicate memories merged (or, in a dry run, to merge) into the one kept',
  z.object({
    keptId: z.string(),
    mergedIds: z.array(z.string()).describe('Archived, then deleted'),
    similarity: z.number().describe('The lowest similarity of a merged memory to the kept one'),
  }),
);

export const consolidationReportSchema = named(
  'ConsolidationReport',
  'The groups of near-duplicates found in one agent’s memories of a kind, and what was merged',
  z.object({
    dryRun: z.boolean(),
    kind: z.enum(CONSOLIDATED_PATHS),
    memoriesProcessed: count,
    mergedCount: count.describe('Memories merged away (archived): the groups’ sizes less one each'),
    groups: z.array(mergeGroupSchema),
  }),
);

export const restoredMemorySchema = named(
  'RestoredMemory',
  'An archived memory back in its collection, as it was when archived',
  z.object({
    kind: z.enum(CONSOLIDATED_PATHS).describe('The collection it is back in'),
    record: z.union([
      recordSchema('heuristic'),
      recordSchema('domainKnowledge'),
      recordSchema('antiPattern'),
    ]),
  }),
);
