import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/**
 * The gateway's plan for a query over a container's one key range. The SDK asks for a plan alongside
 * every query and reads it only when the service refuses the query for lack of one, which the
 * stand-in never does; left to itself, the stand-in would answer the lookup by running the query.
 */
const QUERY_PLAN = JSON.stringify({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: 'None',
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: '',
    hasSelectValue: false,
    hasNonStreamingOrderBy: false,
  },
  queryRanges: [{ min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false }],
});

export function isQueryPlanRequest(headers: IncomingHttpHeaders): boolean {
  return String(headers['x-ms-cosmos-is-query-plan-request']).toLowerCase() === 'true';
}

/** Answers a plan lookup as the gateway does: no documents read, no request units charged. */
export function answerQueryPlan(response: Pick<ServerResponse, 'statusCode' | 'setHeader' | 'end'>): void {
  response.statusCode = 200;
  response.setHeader('content-type', 'application/json');
  response.setHeader('x-ms-request-charge', '0');
  response.setHeader('x-ms-activity-id', crypto.randomUUID());
  response.end(QUERY_PLAN);
}
