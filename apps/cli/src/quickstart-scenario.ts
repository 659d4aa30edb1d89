import type { MemoryInput } from '@alma/core';

export const QUICKSTART_PROJECT = 'quickstart';
export const QUICKSTART_AGENT = 'deploy-bot';

/** A short history of a deployment agent: what it tried, what worked, what it knows. */
export const QUICKSTART_OUTCOMES: readonly Omit<MemoryInput<'outcome'>, 'projectId' | 'agent'>[] = [
  {
    taskType: 'deploy',
    taskDescription: 'deploy the api service to staging',
    success: true,
    strategyUsed: 'run database migrations before switching traffic',
    durationMs: 42_000,
  },
  {
    taskType: 'deploy',
    taskDescription: 'deploy the api service to production',
    success: false,
    strategyUsed: 'switch traffic first, migrate the database later',
    errorMessage: 'requests failed: column "plan" does not exist',
  },
  {
    taskType: 'deploy',
    taskDescription: 'deploy the billing service to production',
    success: true,
    strategyUsed: 'run database migrations before switching traffic',
    durationMs: 51_000,
  },
  {
    taskType: 'rollback',
    taskDescription: 'roll back a failed web release',
    success: true,
    strategyUsed: 'redeploy the previous image tag',
    durationMs: 12_000,
  },
];

export const QUICKSTART_KNOWLEDGE: readonly Omit<MemoryInput<'domainKnowledge'>, 'projectId' | 'agent'>[] = [
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
];

export const QUICKSTART_TASK = 'deploy the api service to production with a database migration';
