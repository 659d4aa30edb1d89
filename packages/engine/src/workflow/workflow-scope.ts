import { ValidationError } from '@alma/core';

/** Where in a workflow a memory was learnt or a retrieval runs; every part optional. */
export interface WorkflowScope {
  readonly tenantId?: string | null | undefined;
  readonly workflowId?: string | null | undefined;
  readonly runId?: string | null | undefined;
  readonly nodeId?: string | null | undefined;
}

/** Narrowest to broadest, as the original names them. */
export const RETRIEVAL_SCOPES = ['node', 'run', 'workflow', 'agent', 'tenant', 'global'] as const;
export type RetrievalScope = (typeof RETRIEVAL_SCOPES)[number];

/** The scope fields of a memory, null where not given. */
export function scopeFields(scope: WorkflowScope | undefined) {
  return {
    tenantId: scope?.tenantId ?? null,
    workflowId: scope?.workflowId ?? null,
    runId: scope?.runId ?? null,
    nodeId: scope?.nodeId ?? null,
  };
}

/** A lesson learnt from many runs belongs to the tenant and workflow, not to one run or node. */
export function lessonScopeOf(outcome: {
  readonly tenantId: string | null;
  readonly workflowId: string | null;
}) {
  return { tenantId: outcome.tenantId, workflowId: outcome.workflowId };
}

/** A retrieval narrowed to a place in a workflow (RetrieveOptions.scope). */
export interface ScopedRetrieval {
  readonly level: RetrievalScope;
  readonly context?: WorkflowScope;
}

/** What a scoped retrieval filters memories by, beyond the agent scopes. */
export interface ScopeFilter {
  readonly where: Readonly<Record<string, string>>;
  /** Global scope reads every agent's memories of the project (admin only). */
  readonly allAgents: boolean;
}

/**
 * The filter for `scope`: node needs run and node ids, run a run id, workflow a workflow id, tenant a
 * tenant id; each also narrows by every broader id given (a node scope with a tenant id checks the
 * tenant too). Agent scope filters by nothing more than the agent scopes; global by nothing at all,
 * not even them: the server allows it to admin keys only.
 */
export function scopeFilterOf(scope: RetrievalScope, context: WorkflowScope): ScopeFilter {
  if (!(RETRIEVAL_SCOPES as readonly string[]).includes(scope)) {
    throw new ValidationError(`scope must be one of ${RETRIEVAL_SCOPES.join(', ')}`, { details: { scope } });
  }
  const needs: Record<RetrievalScope, readonly (keyof WorkflowScope)[]> = {
    node: ['runId', 'nodeId'],
    run: ['runId'],
    workflow: ['workflowId'],
    agent: [],
    tenant: ['tenantId'],
    global: [],
  };
  for (const part of needs[scope]) {
    if (typeof context[part] !== 'string' || context[part] === '') {
      throw new ValidationError(`scope '${scope}' needs ${part}`, { details: { scope, missing: part } });
    }
  }
  if (scope === 'global') return { where: {}, allAgents: true };
  const narrowing: Record<RetrievalScope, readonly (keyof WorkflowScope)[]> = {
    node: ['tenantId', 'workflowId', 'runId', 'nodeId'],
    run: ['tenantId', 'workflowId', 'runId'],
    workflow: ['tenantId', 'workflowId'],
    agent: [],
    tenant: ['tenantId'],
    global: [],
  };
  const where: Record<string, string> = {};
  for (const part of narrowing[scope]) {
    const value = context[part];
    if (typeof value === 'string' && value !== '') where[part] = value;
  }
  return { where, allAgents: false };
}
