import { type Kind, MAX_TEXT_QUERY_LENGTH, searchableFieldsOf } from '@alma/core';
import { z } from 'zod';
import type { ProjectEngines } from '../engine/project-engines.js';
import { named } from './api-schema-registry.js';
import { KIND_ROUTES } from './kind-paths.js';
import { listFilterOf } from './list-filter.js';
import { componentNameOf, type RecordJson, recordJson, recordSchema } from './record-json.js';
import { defineRoute, type RestRoute } from './rest-route.js';
import { fieldOf, projectParams } from './rest-schemas.js';

/**
 * Text search over one kind's records: the store's ranked full-text search (every word of `q`),
 * so that the explorer and scripts can find a lesson by what it says. Kinds without searchable
 * text (checkpoints, archived memories) have no such route.
 */
export function searchRoutes(engines: ProjectEngines): RestRoute[] {
  return KIND_ROUTES.filter(({ kind }) => searchableFieldsOf(kind).length > 0).map(({ kind, path }) =>
    kindSearchRoute(engines, kind, path),
  );
}

export const searchQuery = z.strictObject({
  q: z
    .string()
    .min(1)
    .max(MAX_TEXT_QUERY_LENGTH)
    .describe('Words to look for; a record matches when its text holds every one (any case)'),
  limit: z.coerce.number().int().min(1).max(1_000).default(50).describe('Most matches to return'),
  agent: fieldOf('outcome', 'agent').optional().describe('Only this agent’s (not for preferences)'),
  userId: fieldOf('preference', 'userId').optional().describe('Only this user’s (preferences)'),
});

export interface SearchHitsJson<K extends Kind> {
  readonly hits: { readonly record: RecordJson<K>; readonly score: number }[];
}

const HITS_SCHEMAS = new Map<Kind, z.ZodType>();

function hitsSchemaOf<K extends Kind>(kind: K): z.ZodType<SearchHitsJson<K>> {
  let schema = HITS_SCHEMAS.get(kind);
  if (!schema) {
    schema = named(
      `${componentNameOf(kind)}SearchHits`,
      `The ${kind} records that hold every word of the query, most relevant first`,
      z.object({
        hits: z.array(
          z.object({
            record: recordSchema(kind),
            score: z.number().describe('The backend’s relevance: compare within one answer only'),
          }),
        ),
      }),
    );
    HITS_SCHEMAS.set(kind, schema);
  }
  return schema as z.ZodType<SearchHitsJson<K>>;
}

function kindSearchRoute<K extends Kind>(engines: ProjectEngines, kind: K, path: string): RestRoute {
  const name = path.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  return defineRoute({
    method: 'GET',
    path: `/v1/projects/:projectId/${path}/search`,
    operationId: `search_${name}`,
    summary: `The project’s ${path} whose text holds every word of a query, most relevant first`,
    tag: path,
    params: projectParams,
    query: searchQuery,
    response: hitsSchemaOf(kind),
    async handle({ projectId, query }) {
      const hits = await engines
        .engineFor(projectId)
        .store.kind(kind)
        .search({ where: listFilterOf(kind, projectId, query), text: query.q, k: query.limit });
      return { hits: hits.map(({ record, score }) => ({ record: recordJson(kind, record), score })) };
    },
  });
}
