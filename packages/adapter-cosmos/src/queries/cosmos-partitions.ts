import type { Kind } from '@alma/core';
import type { Container } from '@azure/cosmos';
import type { CosmosDocument } from '../schema/cosmos-schema.js';
import { findQuery, nextProjectQuery } from './cosmos-queries.js';
import { queryAll } from './cosmos-query-runner.js';

/** Documents per keyset page of a partition walk. */
const PAGE = 500;

/**
 * Every project id holding documents in the container, in code-unit order (project ids are ASCII, so
 * the service's string order is that order). Each step is one small cross-partition query (TOP 1
 * after the previous id): export and migration use it, no hot path does.
 */
export async function* projectIdsOf(container: Container, action: string): AsyncGenerator<string> {
  let after = '';
  for (;;) {
    const [next] = await queryAll<{ projectId: string }>(container, nextProjectQuery(after), null, action);
    if (next === undefined) return;
    yield next.projectId;
    after = next.projectId;
  }
}

/** Every document of one partition in id order, a keyset page at a time. */
export async function* documentsById(
  kind: Kind,
  container: Container,
  projectId: string,
): AsyncGenerator<CosmosDocument> {
  let after: string | null = null;
  for (;;) {
    const page: CosmosDocument[] = await queryAll<CosmosDocument>(
      container,
      findQuery(kind, {
        filter: { projectId, clauses: [] },
        order: { field: 'id', direction: 'asc' },
        limit: PAGE,
        after: after === null ? null : { value: after, id: after },
      }),
      projectId,
      `scanning ${kind}`,
    );
    yield* page;
    if (page.length < PAGE) return;
    after = String(page.at(-1)?.id);
  }
}
