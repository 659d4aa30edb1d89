import { KINDS, type Kind, type MemoryKind } from '@alma/core';
import { type LessonAction, RETRIEVAL_MODES } from '@alma/engine';
import { z } from 'zod';
import { named } from './api-schema-registry.js';
import { componentNameOf, type RecordJson, recordSchema } from './record-json.js';

/**
 * What each REST route answers, in zod: the handlers' return types and the OpenAPI document's
 * response schemas both come from here, so they cannot disagree.
 */
const count = z.number().int().min(0);

export interface PageJson<K extends Kind> {
  readonly items: RecordJson<K>[];
  readonly nextCursor: string | null;
}

const PAGE_SCHEMAS = new Map<Kind, z.ZodType>(
  KINDS.map((kind) => [
    kind,
    named(
      `${componentNameOf(kind)}Page`,
      `One page of ${kind} records, by creation time`,
      z.object({
        items: z.array(recordSchema(kind)),
        nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
      }),
    ),
  ]),
);

/** One page of a kind's records. */
export function pageSchema<K extends Kind>(kind: K): z.ZodType<PageJson<K>> {
  return PAGE_SCHEMAS.get(kind) as z.ZodType<PageJson<K>>;
}

export const deletedSchema = named(
  'Deleted',
  'The record is gone',
  z.object({ deleted: z.literal(true), id: z.string() }),
);

const scoreFactors = named(
  'ScoreFactors',
  'What a memory’s score is made of, each within 0..1',
  z.object({ similarity: z.number(), recency: z.number(), success: z.number(), confidence: z.number() }),
);

function scoredSchemaOf<K extends MemoryKind>(kind: K) {
  return named(
    `Scored${componentNameOf(kind)}`,
    `A retrieved ${kind} with its score`,
    z.object({
      record: recordSchema(kind),
      score: z.number(),
      factors: scoreFactors,
      similarity: z.number().nullable().describe('Cosine similarity to the task; null without an embedding'),
      shared: z.boolean().describe('Another agent’s memory, read through inheritFrom / shareWith'),
    }),
  );
}

export const retrieveResultSchema = named(
  'RetrieveResult',
  'The memories most useful for a task, best first, and the prompt block to give the agent',
  z.object({
    task: z.string(),
    agent: z.string(),
    mode: z.enum(RETRIEVAL_MODES).nullable(),
    memories: z.object({
      heuristics: z.array(scoredSchemaOf('heuristic')),
      outcomes: z.array(scoredSchemaOf('outcome')),
      preferences: z.array(scoredSchemaOf('preference')),
      domainKnowledge: z.array(scoredSchemaOf('domainKnowledge')),
      antiPatterns: z.array(scoredSchemaOf('antiPattern')),
    }),
    prompt: z.string(),
  }),
);

const LESSON_ACTIONS = ['created', 'reinforced', 'weakened'] as const satisfies readonly LessonAction[];

function lessonSchemaOf<K extends 'heuristic' | 'antiPattern'>(kind: K) {
  return named(
    `${componentNameOf(kind)}Lesson`,
    `A ${kind} the outcome created or changed`,
    z.object({ action: z.enum(LESSON_ACTIONS), record: recordSchema(kind) }),
  );
}

export const learnResultSchema = named(
  'LearnResult',
  'The outcome recorded, and the lessons it created or changed',
  z.object({
    outcome: recordSchema('outcome'),
    heuristic: lessonSchemaOf('heuristic').nullable(),
    antiPattern: lessonSchemaOf('antiPattern').nullable(),
  }),
);

export const forgetReportSchema = named(
  'ForgetReport',
  'How many memories of each kind were deleted (or, in a dry run, would be)',
  z.object({
    dryRun: z.boolean(),
    outcomes: count,
    heuristics: count,
    domainKnowledge: count,
    antiPatterns: count,
    total: count,
  }),
);

export const statsSchema = named(
  'Stats',
  'Counts per kind, of the project or of what one agent may read',
  z.object({
    projectId: z.string(),
    counts: z.object(Object.fromEntries(KINDS.map((kind) => [kind, count])) as Record<Kind, typeof count>),
    total: count,
  }),
);

const agentScope = named(
  'AgentScope',
  'What an agent may learn, and whom it reads from and shares with',
  z.object({
    canLearn: z.array(z.string()).optional().describe('Task types and domains it may learn; absent: any'),
    cannotLearn: z.array(z.string()),
    inheritFrom: z.array(z.string()),
    shareWith: z.array(z.string()),
    minOccurrences: z.number().int().min(1).optional(),
  }),
);

export const agentsSchema = named(
  'Agents',
  'The agents the project knows and their scopes',
  z.object({
    projectId: z.string(),
    mode: z
      .enum(['configured', 'open'])
      .describe(
        'configured: the configuration file declares the agents; open: each agent is declared on first use',
      ),
    agents: z.record(z.string(), agentScope),
  }),
);

/** The one error shape of every refusal (`error-reply.ts`). */
export const errorSchema = named(
  'Error',
  'A refusal: a stable code, a message for people, and the request id to quote',
  z.object({
    error: z.object({
      code: z.string().describe('Stable: VALIDATION, NOT_FOUND, UNAUTHORIZED, FORBIDDEN, …'),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
      requestId: z.string(),
    }),
  }),
);
