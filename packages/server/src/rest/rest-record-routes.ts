import { type Kind, NotFoundError, type OrderField } from '@alma/core';
import type { ProjectEngines } from '../engine/project-engines.js';
import { updateRecord } from '../engine/record-updates.js';
import { KIND_ROUTES } from './kind-paths.js';
import { listFilterOf } from './list-filter.js';
import { recordJson, recordSchema } from './record-json.js';
import { deletedSchema, pageSchema } from './response-schemas.js';
import { defineRoute, type RestRoute } from './rest-route.js';
import { listQueryOf, patchBody, projectParams, recordParams } from './rest-schemas.js';

/** List (by creation time, cursor-paginated), get, update and delete, for each kind. */
export function recordRoutes(engines: ProjectEngines): RestRoute[] {
  return KIND_ROUTES.flatMap(({ kind, path }) => kindRoutes(engines, kind, path));
}

/** The four routes of one kind; generic, so each handler returns its own kind's records. */
function kindRoutes<K extends Kind>(engines: ProjectEngines, kind: K, path: string): RestRoute[] {
  const collection = `/v1/projects/:projectId/${path}`;
  const item = `${collection}/:id`;
  const name = path.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  const store = (projectId: string) => engines.engineFor(projectId).store.kind(kind);
  const missing = (projectId: string, id: string) =>
    new NotFoundError(`${kind} ${id} not found in project ${projectId}`, {
      details: { kind, id, projectId },
    });
  return [
    defineRoute({
      method: 'GET',
      path: collection,
      operationId: `list_${name}`,
      summary: `One page of the project’s ${path}`,
      tag: path,
      params: projectParams,
      query: listQueryOf(kind),
      response: pageSchema(kind),
      async handle({ projectId, query }) {
        const page = await store(projectId).find({
          where: listFilterOf(kind, projectId, query),
          // sortableFields lists only fields the store orders by.
          orderBy: { field: query.sort as OrderField<K>, direction: query.order },
          limit: query.limit,
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        });
        return { items: page.items.map((record) => recordJson(kind, record)), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      path: item,
      operationId: `get_${name}`,
      summary: `One ${kind} record`,
      tag: path,
      params: recordParams,
      response: recordSchema(kind),
      async handle({ projectId, params }) {
        const id = params.id;
        const record = await store(projectId).get({ projectId, id });
        if (!record) throw missing(projectId, id);
        return recordJson(kind, record);
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: item,
      operationId: `update_${name}`,
      summary: `Change fields of one ${kind} record (its embedding follows its text)`,
      tag: path,
      params: recordParams,
      body: patchBody(kind),
      response: recordSchema(kind),
      async handle({ projectId, params, body }) {
        const engine = engines.engineFor(projectId);
        const ref = { projectId, id: params.id };
        return recordJson(kind, await updateRecord(engine, kind, ref, body));
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: item,
      operationId: `delete_${name}`,
      summary: `Delete one ${kind} record and its vector`,
      tag: path,
      params: recordParams,
      response: deletedSchema,
      async handle({ projectId, params }) {
        const id = params.id;
        if (!(await store(projectId).delete({ projectId, id }))) throw missing(projectId, id);
        return { deleted: true as const, id };
      },
    }),
  ];
}
