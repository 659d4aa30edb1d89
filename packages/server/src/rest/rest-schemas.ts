import {
  derivedOrderFields,
  type FieldSpec,
  type FieldValue,
  IMMUTABLE_FIELDS,
  KIND_FIELDS,
  type Kind,
  MAX_TEXT_LENGTH,
  MEMORY_KINDS,
  type PatchInput,
  UUID_PATTERN,
  valueSchemaOf,
} from '@alma/core';
import { RETRIEVAL_MODES, RETRIEVAL_SCOPES } from '@alma/engine';
import { z } from 'zod';
import { KIND_PATHS } from './kind-paths.js';

/**
 * Request bodies and queries, built from the core's field schemas so the API accepts exactly what
 * the model does. The engine validates again; these give early, precise 400s and the OpenAPI document.
 */
export function fieldOf<K extends Kind, N extends keyof (typeof KIND_FIELDS)[K] & string>(
  kind: K,
  name: N,
): z.ZodType<FieldValue<K, N>> {
  return valueSchemaOf((KIND_FIELDS[kind] as Readonly<Record<string, FieldSpec>>)[name]!) as z.ZodType<
    FieldValue<K, N>
  >;
}

const MEMORY_KIND_PATH_NAMES = MEMORY_KINDS.map((kind) => KIND_PATHS[kind]) as [string, ...string[]];

export const projectParams = z.strictObject({ projectId: z.string().min(1).max(128) });
/** A record id in a path: the store's own rule (any case; the nil and max UUIDs name no record). */
export const recordParams = projectParams.extend({
  id: z.string().regex(new RegExp(UUID_PATTERN.source, 'i'), 'id must be a UUID (RFC 9562, versions 1 to 8)'),
});

const optionalKeyOf = (name: 'tenantId' | 'workflowId' | 'runId' | 'nodeId', description: string) =>
  fieldOf('heuristic', name).optional().describe(description);

/** Where in a workflow a retrieval looks; each level needs its own id (node: runId and nodeId). */
export const retrievalScope = z
  .strictObject({
    level: z
      .enum(RETRIEVAL_SCOPES)
      .describe(
        'node, run, workflow, tenant: memories learnt there, within the agent’s scope; agent: the agent’s scope only; global: every agent’s memories (admin keys only)',
      ),
    tenantId: optionalKeyOf('tenantId', 'Needed by tenant; narrows the narrower levels'),
    workflowId: optionalKeyOf('workflowId', 'Needed by workflow; narrows run and node'),
    runId: optionalKeyOf('runId', 'Needed by run and node'),
    nodeId: optionalKeyOf('nodeId', 'Needed by node'),
  })
  .describe('Only memories of this place in a workflow; absent: the agent’s scope, as level agent');

export const retrieveBody = z.strictObject({
  task: z.string().min(1).max(MAX_TEXT_LENGTH).describe('The task the agent is about to do'),
  agent: fieldOf('outcome', 'agent').describe('The agent that will do it; its scope decides what it reads'),
  userId: fieldOf('preference', 'userId').optional().describe('Include this user’s preferences'),
  topK: z.number().int().min(1).max(100).optional().describe('Memories per kind'),
  mode: z.enum(RETRIEVAL_MODES).optional(),
  kinds: z.array(z.enum(MEMORY_KIND_PATH_NAMES)).min(1).optional().describe('Only these kinds'),
  minScore: z.number().min(0).max(1).optional(),
  maxTokens: z.number().int().min(16).max(1_000_000).optional().describe('Budget of the rendered prompt'),
  scope: retrievalScope.optional(),
});

export const learnBody = z.strictObject({
  agent: fieldOf('outcome', 'agent'),
  taskType: fieldOf('outcome', 'taskType'),
  taskDescription: fieldOf('outcome', 'taskDescription'),
  success: fieldOf('outcome', 'success'),
  strategyUsed: fieldOf('outcome', 'strategyUsed'),
  durationMs: fieldOf('outcome', 'durationMs').optional(),
  errorMessage: fieldOf('outcome', 'errorMessage').optional(),
  userFeedback: fieldOf('outcome', 'userFeedback').optional(),
  metadata: fieldOf('outcome', 'metadata').optional(),
});

export const preferenceBody = z.strictObject({
  userId: fieldOf('preference', 'userId'),
  category: fieldOf('preference', 'category'),
  preference: fieldOf('preference', 'preference'),
  source: fieldOf('preference', 'source').default('explicit_instruction'),
  confidence: fieldOf('preference', 'confidence').optional(),
  metadata: fieldOf('preference', 'metadata').optional(),
});

export const knowledgeBody = z.strictObject({
  agent: fieldOf('domainKnowledge', 'agent'),
  domain: fieldOf('domainKnowledge', 'domain'),
  fact: fieldOf('domainKnowledge', 'fact'),
  source: fieldOf('domainKnowledge', 'source').default('user_stated'),
  confidence: fieldOf('domainKnowledge', 'confidence').optional(),
  metadata: fieldOf('domainKnowledge', 'metadata').optional(),
});

const days = z.number().positive().max(36_500);
export const forgetBody = z.strictObject({
  outcomesOlderThanDays: days.optional(),
  heuristicsBelowConfidence: z.number().min(0).max(1).optional(),
  knowledgeUnverifiedForDays: days.optional(),
  antiPatternsUnseenForDays: days.optional(),
  agent: fieldOf('outcome', 'agent').optional().describe('Only this agent’s memories'),
  dryRun: z.boolean().optional().describe('Count what would be deleted, delete nothing'),
});

export const statsQuery = z.strictObject({ agent: fieldOf('outcome', 'agent').optional() });

const ORDERABLE_TYPES = new Set(['id', 'number', 'integer', 'instant']);

/**
 * The fields a kind's list may be sorted by: those the store orders by (never null), and the ones it
 * computes (a heuristic's successRate).
 */
export function sortableFields(kind: Kind): [string, ...string[]] {
  const fields = Object.entries(KIND_FIELDS[kind] as Readonly<Record<string, FieldSpec>>)
    .filter(([name, spec]) => ORDERABLE_TYPES.has(spec.type) && !spec.nullable && name !== 'id')
    .map(([name]) => name);
  return [...fields, ...derivedOrderFields(kind)] as [string, ...string[]];
}

const listQueries = new Map<Kind, z.ZodType>();

/** A kind's list query: the common paging, and `sort` by any of its sortable fields. */
export function listQueryOf(kind: Kind) {
  let schema = listQueries.get(kind);
  if (!schema) {
    schema = listQuery.extend({
      sort: z.enum(sortableFields(kind)).default('createdAt').describe('The field to order by; ties by id'),
    });
    listQueries.set(kind, schema);
  }
  return schema as z.ZodType<z.output<typeof listQuery> & { sort: string }>;
}

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(50),
  cursor: z.string().min(1).max(1_000).optional().describe('The nextCursor of the previous page'),
  order: z.enum(['asc', 'desc']).default('desc').describe('Descending (newest, largest first) or ascending'),
  agent: fieldOf('outcome', 'agent').optional().describe('Only this agent’s (not for preferences)'),
  userId: fieldOf('preference', 'userId').optional().describe('Only this user’s (preferences)'),
});

const patchSchemas = new Map<Kind, z.ZodType>();

/**
 * A patch of one kind: any mutable field but the embedding, which the server recomputes from the
 * record's text with the project's embedder (so search never sees a vector of another embedder).
 */
export function patchBody<K extends Kind>(kind: K): z.ZodType<PatchInput<K>> {
  let schema = patchSchemas.get(kind);
  if (!schema) {
    const fixed = new Set<string>([...IMMUTABLE_FIELDS, 'embedding']);
    const shape = Object.fromEntries(
      Object.entries(KIND_FIELDS[kind])
        .filter(([name]) => !fixed.has(name))
        .map(([name, spec]) => [name, valueSchemaOf(spec).optional()]),
    );
    schema = z
      .strictObject(shape)
      .refine(
        (patch) => Object.values(patch).some((value) => value !== undefined),
        'the patch changes no field',
      );
    patchSchemas.set(kind, schema);
  }
  // Built from the kind's own field table, so it parses to that kind's patch.
  return schema as z.ZodType<PatchInput<K>>;
}
