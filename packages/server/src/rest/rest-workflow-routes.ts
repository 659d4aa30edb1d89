import { NotFoundError } from '@alma/core';
import { CONSOLIDATED_KINDS, type ConsolidatedKind } from '@alma/engine';
import type { ProjectEngines } from '../engine/project-engines.js';
import { KIND_PATHS } from './kind-paths.js';
import { learnResultJson } from './learn-result-json.js';
import { recordJson, recordSchema } from './record-json.js';
import { defineRoute, type RestRoute } from './rest-route.js';
import { projectParams, recordParams } from './rest-schemas.js';
import {
  checkpointSavedSchema,
  checkpointsCleanedSchema,
  consolidationReportSchema,
  memoryArtifactsSchema,
  mergedStateSchema,
  restoredMemorySchema,
  resumePointSchema,
  runCheckpointsSchema,
  workflowLearnResultSchema,
} from './workflow-response-schemas.js';
import {
  artifactBody,
  checkpointBody,
  cleanupQuery,
  consolidateBody,
  memoryParams,
  mergeStatesBody,
  resumeQuery,
  runCheckpointsQuery,
  runParams,
  workflowOutcomeBody,
} from './workflow-schemas.js';

const BASE = '/v1/projects/:projectId';
const RUN = `${BASE}/workflow-runs/:runId`;
const KIND_OF_PATH = new Map(CONSOLIDATED_KINDS.map((kind) => [KIND_PATHS[kind] as string, kind]));

/**
 * The engine's workflow operations: checkpoints, merging branch states, learning from a run,
 * artifacts, consolidation and restoring from the archive. Unlike the record routes of the same
 * kinds, which write records as given, these number, check, learn and archive as the engine does.
 */
export function workflowRoutes(engines: ProjectEngines): RestRoute[] {
  return [
    defineRoute({
      method: 'POST',
      path: `${BASE}/${KIND_PATHS.checkpoint}`,
      operationId: 'saveCheckpoint',
      summary: 'Save a workflow’s state after a node, numbered within its run (skipped when unchanged)',
      tag: 'workflow',
      params: projectParams,
      body: checkpointBody,
      status: 201,
      response: checkpointSavedSchema,
      async handle({ projectId, body }) {
        const result = await engines.engineFor(projectId).checkpoint(body);
        return { skipped: result.skipped, checkpoint: recordJson('checkpoint', result.checkpoint) };
      },
    }),
    defineRoute({
      method: 'GET',
      path: `${RUN}/resume`,
      operationId: 'resumeRun',
      summary: 'The checkpoint to resume a run (or one of its branches) from',
      tag: 'workflow',
      params: runParams,
      query: resumeQuery,
      response: resumePointSchema,
      async handle({ projectId, params, query }) {
        const checkpoint = await engines.engineFor(projectId).resumePoint(params.runId, query.branchId);
        return {
          runId: params.runId,
          checkpoint: checkpoint && recordJson('checkpoint', checkpoint),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: `${RUN}/checkpoints`,
      operationId: 'listRunCheckpoints',
      summary: 'A run’s checkpoints, every branch, in sequence order, up to 1,000 a page',
      tag: 'workflow',
      params: runParams,
      query: runCheckpointsQuery,
      response: runCheckpointsSchema,
      async handle({ projectId, params, query }) {
        const page = await engines.engineFor(projectId).checkpointPage(params.runId, {
          limit: query.limit,
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        });
        return {
          runId: params.runId,
          items: page.items.map((checkpoint) => recordJson('checkpoint', checkpoint)),
          nextCursor: page.nextCursor,
        };
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: `${RUN}/checkpoints`,
      operationId: 'cleanupRunCheckpoints',
      summary: 'Delete a finished run’s checkpoints but the latest ones',
      tag: 'workflow',
      params: runParams,
      query: cleanupQuery,
      response: checkpointsCleanedSchema,
      async handle({ projectId, params, query }) {
        const deleted = await engines.engineFor(projectId).cleanupCheckpoints(params.runId, query.keepLatest);
        return { runId: params.runId, deleted, keepLatest: query.keepLatest };
      },
    }),
    defineRoute({
      method: 'POST',
      path: `${BASE}/merge-states`,
      operationId: 'mergeStates',
      summary: 'Merge parallel branches’ states with a reducer per key',
      tag: 'workflow',
      params: projectParams,
      body: mergeStatesBody,
      response: mergedStateSchema,
      async handle({ projectId, body }) {
        return { state: engines.engineFor(projectId).mergeStates(body.states, body.reducerConfig) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: `${BASE}/${KIND_PATHS.workflowOutcome}`,
      operationId: 'learnFromWorkflow',
      summary: 'Record how a workflow run ended and learn from it like from a task outcome',
      tag: 'workflow',
      params: projectParams,
      body: workflowOutcomeBody,
      status: 201,
      response: workflowLearnResultSchema,
      async handle({ projectId, body }) {
        const result = await engines.engineFor(projectId, [body.agent]).learnFromWorkflow(body);
        return {
          workflowOutcome: recordJson('workflowOutcome', result.workflowOutcome),
          learnt: result.learnt && learnResultJson(result.learnt),
        };
      },
    }),
    defineRoute({
      method: 'POST',
      path: `${BASE}/${KIND_PATHS.artifactLink}`,
      operationId: 'linkArtifact',
      summary: 'Link an external artifact (log, screenshot, report) to an existing memory',
      tag: 'workflow',
      params: projectParams,
      body: artifactBody,
      status: 201,
      response: recordSchema('artifactLink'),
      async handle({ projectId, body }) {
        return recordJson('artifactLink', await engines.engineFor(projectId).linkArtifact(body));
      },
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/memories/:id/artifacts`,
      operationId: 'listMemoryArtifacts',
      summary: 'The artifacts linked to a memory, oldest first',
      tag: 'workflow',
      params: memoryParams,
      response: memoryArtifactsSchema,
      async handle({ projectId, params }) {
        const links = await engines.engineFor(projectId).artifactsOf(params.id);
        return { memoryId: params.id, items: links.map((link) => recordJson('artifactLink', link)) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: `${BASE}/consolidate`,
      operationId: 'consolidate',
      summary: 'Merge an agent’s near-duplicate memories of a kind, archiving the rest (dry run by default)',
      tag: 'workflow',
      params: projectParams,
      body: consolidateBody,
      response: consolidationReportSchema,
      async handle({ projectId, body }) {
        const report = await engines.engineFor(projectId, [body.agent]).consolidate({
          agent: body.agent,
          kind: KIND_OF_PATH.get(body.kind)!,
          dryRun: body.dryRun,
          ...(body.similarityThreshold === undefined
            ? {}
            : { similarityThreshold: body.similarityThreshold }),
        });
        return {
          dryRun: report.dryRun,
          kind: body.kind,
          memoriesProcessed: report.memoriesProcessed,
          mergedCount: report.mergedCount,
          groups: report.groups.map((group) => ({ ...group, mergedIds: [...group.mergedIds] })),
        };
      },
    }),
    defineRoute({
      method: 'POST',
      path: `${BASE}/${KIND_PATHS.archivedMemory}/:id/restore`,
      operationId: 'restoreArchived',
      summary: 'Put an archived memory back in use (409 when its id is in use again)',
      tag: 'workflow',
      params: recordParams,
      response: restoredMemorySchema,
      async handle({ projectId, params }) {
        const engine = engines.engineFor(projectId);
        // The entry names the kind; the engine refuses (409) a kind it cannot restore.
        const entry = await engine.store.kind('archivedMemory').get({ projectId, id: params.id });
        if (entry === null) {
          throw new NotFoundError(`no archived memory ${params.id} in project ${projectId}`, {
            details: { kind: 'archivedMemory', id: params.id, projectId },
          });
        }
        const record = await engine.restoreArchived(entry.id);
        const kind = entry.originalKind as ConsolidatedKind;
        return { kind: KIND_PATHS[kind], record: recordJson(kind, record) };
      },
    }),
  ];
}
