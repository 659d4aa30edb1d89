import { KINDS } from '@alma/core';
import { z } from 'zod';
import { named } from './api-schema-registry.js';
import { recordSchema } from './record-json.js';
import { projectParams } from './rest-schemas.js';

/** What the explorer (and any dashboard) reads beside the records: activity, health, lineage, runs. */
const count = z.number().int().min(0);
const day = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d$/)
  .describe('A UTC day, YYYY-MM-DD');

export const activityQuery = z.strictObject({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(30)
    .describe('Days back from today (UTC), today included'),
});

export const activitySchema = named(
  'Activity',
  'Outcomes per day and agent, and lessons created per day and agent, over the last days',
  z.object({
    from: day,
    to: day,
    outcomes: z.array(z.object({ date: day, agent: z.string(), successes: count, failures: count })),
    lessons: z.array(z.object({ date: day, agent: z.string(), heuristics: count, antiPatterns: count })),
  }),
);

export const healthSchema = named(
  'StoreHealth',
  'What `alma doctor` knows of the store: its schema and, where kept apart, its vector index',
  z.object({
    schema: z.object({ backend: z.string(), applied: z.array(z.string()), pending: z.array(z.string()) }),
    vectorIndex: z
      .array(
        z.object({
          kind: z.enum(KINDS),
          rowsWithEmbedding: count,
          indexedRows: count,
          outboxBacklog: count,
        }),
      )
      .nullable()
      .describe('Null where the backend keeps the vectors in its own rows'),
  }),
);

export const lessonParams = projectParams.extend({ id: z.string().min(1).max(64) });

export const lineageQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000)
    .default(100)
    .describe('Outcomes naming the lesson per page'),
  cursor: z.string().min(1).max(1_000).optional().describe('The nextCursor of the previous page'),
});

const lineagePage = {
  outcomes: z
    .array(recordSchema('outcome'))
    .describe('Newest first; the last page ends with the evidence from before the lesson'),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
};

export const heuristicLineageSchema = named(
  'HeuristicLineage',
  'A heuristic and a page of the outcomes that created or counted toward it',
  z.object({ lesson: recordSchema('heuristic'), ...lineagePage }),
);

export const antiPatternLineageSchema = named(
  'AntiPatternLineage',
  'An anti-pattern and a page of the outcomes that created or counted toward it',
  z.object({ lesson: recordSchema('antiPattern'), ...lineagePage }),
);

export const runsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

export const workflowRunsSchema = named(
  'WorkflowRuns',
  'The project’s workflow runs that have checkpoints, latest first',
  z.object({
    items: z.array(
      z.object({
        runId: z.string(),
        checkpoints: count,
        branches: z.array(z.string()).describe('Named branches; the main branch is not listed'),
        latestAt: z.string().describe('When its latest checkpoint was saved (ISO)'),
      }),
    ),
  }),
);

export const projectsSchema = named(
  'Projects',
  'The projects the caller may use',
  z.object({ projects: z.array(z.string()) }),
);
