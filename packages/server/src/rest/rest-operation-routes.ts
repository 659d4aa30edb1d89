import type { MemoryKind } from '@alma/core';
import { MEMORY_KINDS } from '@alma/core';
import type { MemorySlice, ScoredMemory } from '@alma/engine';
import type { ProjectEngines } from '../engine/project-engines.js';
import { assertMayReadEveryAgent } from '../http/access-grant.js';
import { KIND_PATHS } from './kind-paths.js';
import { learnResultJson } from './learn-result-json.js';
import { recordJson, recordSchema } from './record-json.js';
import {
  agentsSchema,
  forgetReportSchema,
  learnResultSchema,
  retrieveResultSchema,
  statsSchema,
} from './response-schemas.js';
import { defineRoute, type RestRoute } from './rest-route.js';
import {
  forgetBody,
  knowledgeBody,
  learnBody,
  preferenceBody,
  projectParams,
  retrieveBody,
  statsQuery,
} from './rest-schemas.js';

const BASE = '/v1/projects/:projectId';
const KIND_OF_PATH = new Map(MEMORY_KINDS.map((kind) => [KIND_PATHS[kind] as string, kind]));

/**
 * The engine's operations: retrieve, learn, add a preference or a fact, forget, stats, agents, and
 * the workflow operations (rest-workflow-routes.ts).
 */
export function operationRoutes(engines: ProjectEngines): RestRoute[] {
  return [
    defineRoute({
      method: 'POST',
      path: `${BASE}/retrieve`,
      operationId: 'retrieve',
      summary: 'The memories most useful for a task, scored, with the prompt block to give the agent',
      tag: 'engine',
      params: projectParams,
      body: retrieveBody,
      response: retrieveResultSchema,
      async handle({ projectId, body, grant }) {
        const input = body;
        const { scope } = input;
        if (scope?.level === 'global') assertMayReadEveryAgent(grant);
        const engine = engines.engineFor(projectId, [input.agent]);
        const slice = await engine.retrieve(input.task, input.agent, {
          ...(input.userId === undefined ? {} : { userId: input.userId }),
          ...(input.topK === undefined ? {} : { topK: input.topK }),
          ...(input.mode === undefined ? {} : { mode: input.mode }),
          ...(input.minScore === undefined ? {} : { minScore: input.minScore }),
          ...(input.kinds === undefined ? {} : { kinds: input.kinds.map((path) => KIND_OF_PATH.get(path)!) }),
          ...(scope === undefined
            ? {}
            : {
                scope: {
                  level: scope.level,
                  context: {
                    tenantId: scope.tenantId,
                    workflowId: scope.workflowId,
                    runId: scope.runId,
                    nodeId: scope.nodeId,
                  },
                },
              }),
        });
        return { ...sliceJson(slice), prompt: engine.renderPrompt(slice, input.maxTokens) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: `${BASE}/learn`,
      operationId: 'learn',
      summary: 'Record a task outcome; agreeing outcomes become heuristics, repeated failures anti-patterns',
      tag: 'engine',
      params: projectParams,
      body: learnBody,
      status: 201,
      response: learnResultSchema,
      async handle({ projectId, body }) {
        const input = body;
        return learnResultJson(await engines.engineFor(projectId, [input.agent]).learn(input));
      },
    }),
    defineRoute({
      method: 'POST',
      path: `${BASE}/${KIND_PATHS.preference}`,
      operationId: 'addPreference',
      summary: 'Add a user preference (embedded for retrieval)',
      tag: 'engine',
      params: projectParams,
      body: preferenceBody,
      status: 201,
      response: recordSchema('preference'),
      async handle({ projectId, body }) {
        return recordJson('preference', await engines.engineFor(projectId).addPreference(body));
      },
    }),
    defineRoute({
      method: 'POST',
      path: `${BASE}/${KIND_PATHS.domainKnowledge}`,
      operationId: 'addKnowledge',
      summary: 'Add a fact an agent learnt; its domain must be within the agent’s scope',
      tag: 'engine',
      params: projectParams,
      body: knowledgeBody,
      status: 201,
      response: recordSchema('domainKnowledge'),
      async handle({ projectId, body }) {
        const input = body;
        return recordJson(
          'domainKnowledge',
          await engines.engineFor(projectId, [input.agent]).addKnowledge(input),
        );
      },
    }),
    defineRoute({
      method: 'POST',
      path: `${BASE}/forget`,
      operationId: 'forget',
      summary: 'Delete stale or low-confidence memories by rule',
      tag: 'engine',
      params: projectParams,
      body: forgetBody,
      response: forgetReportSchema,
      async handle({ projectId, body }) {
        const policy = body;
        return engines.engineFor(projectId, [policy.agent]).forget(policy);
      },
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/stats`,
      operationId: 'stats',
      summary: 'Counts per kind, of the project or of what one agent may read',
      tag: 'engine',
      params: projectParams,
      query: statsQuery,
      response: statsSchema,
      async handle({ projectId, query }) {
        const agent = query.agent;
        return engines.engineFor(projectId, [agent]).stats(agent === undefined ? {} : { agent });
      },
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/agents`,
      operationId: 'agents',
      summary: 'The agents the project knows and their scopes',
      tag: 'engine',
      params: projectParams,
      response: agentsSchema,
      async handle({ projectId }) {
        const engine = engines.engineFor(projectId);
        return {
          projectId,
          mode: engines.closed ? ('configured' as const) : ('open' as const),
          agents: engine.config.agents,
        };
      },
    }),
  ];
}

/** A slice with its records encoded, each memory with the score and what it is made of. */
function sliceJson(slice: MemorySlice) {
  const scored = <K extends MemoryKind>(kind: K, memories: readonly ScoredMemory<K>[]) =>
    memories.map((memory) => ({
      record: recordJson(kind, memory.record),
      score: memory.score,
      factors: memory.factors,
      similarity: memory.similarity,
      shared: memory.shared,
    }));
  return {
    task: slice.task,
    agent: slice.agent,
    mode: slice.mode,
    memories: {
      heuristics: scored('heuristic', slice.heuristics),
      outcomes: scored('outcome', slice.outcomes),
      preferences: scored('preference', slice.preferences),
      domainKnowledge: scored('domainKnowledge', slice.domainKnowledge),
      antiPatterns: scored('antiPattern', slice.antiPatterns),
    },
  };
}
