import type { KnowledgeInput, LearnInput, PreferenceInput } from '@alma/engine';

export const QUICKSTART_PROJECT = 'quickstart';
export const QUICKSTART_AGENT = 'deploy-bot';
export const QUICKSTART_USER = 'alice';

/** The deploy agent may learn about deploys and rollbacks, and keep facts about both services. */
export const QUICKSTART_AGENTS = {
  [QUICKSTART_AGENT]: { canLearn: ['deploy', 'rollback', 'deploys', 'billing'] },
};

const MIGRATE_FIRST = 'apply the schema migrations first, then shift traffic to the new release';
const TRAFFIC_FIRST = 'flip the load balancer straight away and patch the schema later';

/**
 * A short history: migrating first keeps working (its third success makes a heuristic), switching
 * traffic first keeps failing (its second failure makes an anti-pattern, which then names the
 * heuristic as the better alternative), and a rollback that worked once.
 */
export const QUICKSTART_OUTCOMES: readonly LearnInput[] = [
  {
    taskDescription: 'deploy the api service to staging',
    success: true,
    strategyUsed: MIGRATE_FIRST,
    durationMs: 42_000,
  },
  {
    taskDescription: 'deploy the api service to production',
    success: false,
    strategyUsed: TRAFFIC_FIRST,
    errorMessage: 'requests failed: column "plan" does not exist',
  },
  {
    taskDescription: 'deploy the billing service to production',
    success: true,
    strategyUsed: MIGRATE_FIRST,
    durationMs: 51_000,
  },
  {
    taskDescription: 'deploy the web frontend to production',
    success: true,
    strategyUsed: MIGRATE_FIRST,
    durationMs: 38_000,
  },
  {
    taskDescription: 'deploy the search service to production',
    success: false,
    strategyUsed: TRAFFIC_FIRST,
    errorMessage: 'search index schema mismatch after the switch',
  },
].map((outcome) => ({ agent: QUICKSTART_AGENT, taskType: 'deploy', ...outcome }));

export const QUICKSTART_ROLLBACK: LearnInput = {
  agent: QUICKSTART_AGENT,
  taskType: 'rollback',
  taskDescription: 'roll back a failed web release',
  success: true,
  strategyUsed: 'redeploy the previous image tag',
  durationMs: 12_000,
};

export const QUICKSTART_KNOWLEDGE: readonly KnowledgeInput[] = [
  { domain: 'deploys', fact: 'production deploys need a database migration review', source: 'runbook' },
  {
    domain: 'deploys',
    fact: 'staging mirrors the production database schema nightly',
    source: 'platform team',
  },
  {
    domain: 'billing',
    fact: 'the billing service must never run two versions at once',
    source: 'incident 2291',
  },
].map((fact) => ({ agent: QUICKSTART_AGENT, ...fact }));

export const QUICKSTART_PREFERENCES: readonly PreferenceInput[] = [
  {
    category: 'communication',
    preference: 'post a summary in #deploys after every production deploy',
    source: 'explicit_instruction',
  },
  {
    category: 'deploys',
    preference: 'deploy to production only on weekdays before 4 pm',
    source: 'inferred_from_correction',
  },
].map((preference) => ({ userId: QUICKSTART_USER, ...preference }));

export const QUICKSTART_TASK = 'deploy the api service to production with a database migration';
