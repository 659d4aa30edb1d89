import { UUID_PATTERN } from '@alma/core';
import { CONSOLIDATED_KINDS, STATE_REDUCERS, WORKFLOW_RESULTS } from '@alma/engine';
import { z } from 'zod';
import { KIND_PATHS } from './kind-paths.js';
import { fieldOf, projectParams } from './rest-schemas.js';

/**
 * Requests of the workflow routes, from the core's field schemas like the other routes' requests;
 * the engine validates again (a node scope without a run id, a reducer that cannot combine).
 */

type ConsolidatedPath = (typeof KIND_PATHS)[(typeof CONSOLIDATED_KINDS)[number]];

/** `heuristics`, `domain-knowledge`, `anti-patterns`: the collections consolidation merges. */
export const CONSOLIDATED_PATHS = CONSOLIDATED_KINDS.map((kind) => KIND_PATHS[kind]) as [
  ConsolidatedPath,
  ...ConsolidatedPath[],
];

/** A memory id, lower-cased: links store it as a key, and the store's ids are lower-case. */
const memoryId = z
  .string()
  .regex(new RegExp(UUID_PATTERN.source, 'i'), 'must be a UUID (RFC 9562, versions 1 to 8)')
  .toLowerCase();

const stateObject = z.record(z.string(), z.unknown());
/** An id the caller chooses (run, node, branch): the core's rule for keys. */
const key = fieldOf('checkpoint', 'runId');

export const runParams = projectParams.extend({
  runId: key.describe('The workflow run'),
});

export const memoryParams = projectParams.extend({ id: memoryId.describe('A memory of any kind') });

export const checkpointBody = z.strictObject({
  runId: fieldOf('checkpoint', 'runId'),
  nodeId: fieldOf('checkpoint', 'nodeId').describe('The node whose state this is'),
  state: fieldOf('checkpoint', 'state').describe('The workflow’s state after the node: a JSON object'),
  branchId: fieldOf('checkpoint', 'branchId').optional().describe('Absent or null: the main branch'),
  parentCheckpointId: fieldOf('checkpoint', 'parentCheckpointId')
    .optional()
    .describe('A checkpoint of the same run; default: the branch’s latest'),
  metadata: fieldOf('checkpoint', 'metadata').optional(),
  skipIfUnchanged: z
    .boolean()
    .default(true)
    .describe('Write nothing when the branch’s latest checkpoint holds the same state'),
});

export const runCheckpointsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(1_000).describe('Checkpoints per page'),
  cursor: z.string().min(1).max(1_000).optional().describe('The nextCursor of the previous page'),
});

export const resumeQuery = z.strictObject({
  branchId: key.optional().describe('Only this branch’s checkpoints; absent: the run’s latest on any branch'),
});

export const cleanupQuery = z.strictObject({
  keepLatest: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(1)
    .describe('How many of the latest checkpoints stay'),
});

export const mergeStatesBody = z.strictObject({
  states: z.array(stateObject).max(1_000).describe('The parallel branches’ states, in order'),
  reducerConfig: z
    .record(z.string(), z.enum(STATE_REDUCERS))
    .optional()
    .describe('Reducer per state key; keys not named take last_value'),
});

export const workflowOutcomeBody = z.strictObject({
  agent: fieldOf('workflowOutcome', 'agent').describe('The agent that ran the workflow'),
  workflowId: fieldOf('workflowOutcome', 'workflowId').describe(
    'The workflow definition; learnt as the task type, so within the agent’s scope',
  ),
  runId: fieldOf('workflowOutcome', 'runId').describe('One outcome per run: a second is a 409'),
  result: z.enum(WORKFLOW_RESULTS),
  summary: fieldOf('workflowOutcome', 'summary'),
  strategiesUsed: fieldOf('workflowOutcome', 'strategiesUsed')
    .optional()
    .describe('Learnt as the strategy; none: nothing is learnt'),
  successfulPatterns: fieldOf('workflowOutcome', 'successfulPatterns').optional(),
  failedPatterns: fieldOf('workflowOutcome', 'failedPatterns').optional(),
  durationSeconds: fieldOf('workflowOutcome', 'durationSeconds').optional(),
  nodeCount: fieldOf('workflowOutcome', 'nodeCount').optional(),
  errorMessage: fieldOf('workflowOutcome', 'errorMessage').optional(),
  tenantId: fieldOf('workflowOutcome', 'tenantId').optional(),
  metadata: fieldOf('workflowOutcome', 'metadata').optional(),
});

export const artifactBody = z.strictObject({
  memoryId: memoryId.describe('An existing memory of the project (404 otherwise)'),
  artifactType: fieldOf('artifactLink', 'artifactType').describe('screenshot, log, report, file, …'),
  storageUrl: fieldOf('artifactLink', 'storageUrl').describe('Where the artifact is; ALMA never fetches it'),
  filename: fieldOf('artifactLink', 'filename').optional(),
  mimeType: fieldOf('artifactLink', 'mimeType').optional(),
  sizeBytes: fieldOf('artifactLink', 'sizeBytes').optional(),
  checksum: fieldOf('artifactLink', 'checksum').optional().describe('SHA-256 of the content'),
  metadata: fieldOf('artifactLink', 'metadata').optional(),
});

export const consolidateBody = z.strictObject({
  agent: fieldOf('heuristic', 'agent').describe('Whose memories to merge'),
  kind: z.enum(CONSOLIDATED_PATHS).default('heuristics'),
  similarityThreshold: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Cosine similarity from which memories are one; default 0.85'),
  dryRun: z.boolean().default(true).describe('Report the groups and change nothing (the default)'),
});
