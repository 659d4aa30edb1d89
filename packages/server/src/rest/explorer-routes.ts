import type { OpenedAdapter } from '@alma/connect';
import type { MemoryRecord } from '@alma/core';
import type { LineagePage } from '@alma/engine';
import type { z } from 'zod';
import type { ProjectEngines } from '../engine/project-engines.js';
import { listedProjects } from '../http/access-grant.js';
import { activityOf } from './activity.js';
import {
  activityQuery,
  activitySchema,
  antiPatternLineageSchema,
  healthSchema,
  heuristicLineageSchema,
  lessonParams,
  lineageQuery,
  projectsSchema,
  runsQuery,
  workflowRunsSchema,
} from './explorer-schemas.js';
import { KIND_PATHS } from './kind-paths.js';
import { recordJson } from './record-json.js';
import { defineAccountRoute, defineRoute, type RestRoute } from './rest-route.js';
import { projectParams } from './rest-schemas.js';

const BASE = '/v1/projects/:projectId';

/**
 * What a dashboard reads beside the records (the explorer at /ui uses them): the caller's projects,
 * activity per day, the store's health, a lesson's lineage and the workflow runs.
 */
export function explorerRoutes(
  engines: ProjectEngines,
  vectorHealth: OpenedAdapter['vectorHealth'],
): RestRoute[] {
  return [
    defineAccountRoute({
      method: 'GET',
      path: '/v1/projects',
      operationId: 'listProjects',
      summary:
        'The projects the caller may use: its key’s; for the local operator, those the store holds and the default',
      tag: 'projects',
      response: projectsSchema,
      async handle({ grant }) {
        // Only the local operator may see every project: a key never learns what else the store holds.
        const held = grant.kind === 'local' ? await engines.store.projects() : [];
        return { projects: [...listedProjects(grant, held)] };
      },
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/activity`,
      operationId: 'activity',
      summary: 'Outcomes (successes, failures) and lessons created, per UTC day and agent',
      tag: 'explorer',
      params: projectParams,
      query: activityQuery,
      response: activitySchema,
      async handle({ projectId, query }) {
        const engine = engines.engineFor(projectId);
        return activityOf(engine.store, projectId, query.days, new Date());
      },
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/health`,
      operationId: 'storeHealth',
      summary: 'The store’s schema (applied and pending) and its vector index against the rows',
      tag: 'explorer',
      params: projectParams,
      response: healthSchema,
      async handle({ projectId }) {
        const schema = await engines.engineFor(projectId).store.schema();
        return {
          schema: { backend: schema.backend, applied: [...schema.applied], pending: [...schema.pending] },
          vectorIndex: vectorHealth ? [...(await vectorHealth())] : null,
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/${KIND_PATHS.heuristic}/:id/lineage`,
      operationId: 'heuristicLineage',
      summary: 'A heuristic and the outcomes it was learnt from or counted',
      tag: 'explorer',
      params: lessonParams,
      query: lineageQuery,
      response: heuristicLineageSchema,
      async handle({ projectId, params, query }) {
        const { lesson, outcomes, nextCursor } = await engines
          .engineFor(projectId)
          .lineage('heuristic', params.id, lineagePageOf(query));
        return { lesson: recordJson('heuristic', lesson), outcomes: outcomesJson(outcomes), nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/${KIND_PATHS.antiPattern}/:id/lineage`,
      operationId: 'antiPatternLineage',
      summary: 'An anti-pattern and the outcomes it was learnt from or counted',
      tag: 'explorer',
      params: lessonParams,
      query: lineageQuery,
      response: antiPatternLineageSchema,
      async handle({ projectId, params, query }) {
        const { lesson, outcomes, nextCursor } = await engines
          .engineFor(projectId)
          .lineage('antiPattern', params.id, lineagePageOf(query));
        return { lesson: recordJson('antiPattern', lesson), outcomes: outcomesJson(outcomes), nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/workflow-runs`,
      operationId: 'listWorkflowRuns',
      summary: 'The workflow runs with checkpoints, latest first',
      tag: 'workflow',
      params: projectParams,
      query: runsQuery,
      response: workflowRunsSchema,
      async handle({ projectId, query }) {
        const runs = await engines.engineFor(projectId).workflowRuns(query.limit);
        return {
          items: runs.map((run) => ({
            ...run,
            branches: [...run.branches],
            latestAt: run.latestAt.toISOString(),
          })),
        };
      },
    }),
  ];
}

function lineagePageOf(query: z.output<typeof lineageQuery>): LineagePage {
  return { limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) };
}

function outcomesJson(outcomes: readonly MemoryRecord<'outcome'>[]) {
  return outcomes.map((outcome) => recordJson('outcome', outcome));
}
