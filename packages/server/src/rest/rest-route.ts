import { validationErrorFrom } from '@alma/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AccessGrant } from '../http/access-grant.js';

/** What a REST handler receives: validated parts of the request, and the authorised project. */
export interface RouteInput<Params, Query, Body> {
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
  readonly projectId: string;
  readonly grant: AccessGrant;
  readonly request: FastifyRequest;
}

/**
 * One REST operation, described once: the route, its zod schemas (validation, the handler's types
 * and the OpenAPI document all come from them) and its handler. Every route lives under a project.
 */
export interface RouteSpec<
  Params extends z.ZodType<{ projectId: string }>,
  Query extends z.ZodType,
  Body extends z.ZodType,
  Response extends z.ZodType,
> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Fastify syntax, e.g. `/v1/projects/:projectId/stats`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly params: Params;
  readonly query?: Query;
  readonly body?: Body;
  /** Status of success; 200 unless said. */
  readonly status?: 200 | 201;
  /**
   * What the success body holds: the handler must return it, and the OpenAPI document shows it.
   * A shape registered with `named()`, so the document can refer to it.
   */
  readonly response: Response;
  handle(input: RouteInput<z.output<Params>, z.output<Query>, z.output<Body>>): Promise<z.output<Response>>;
}

/** A route of any schemas, as the router holds them. */
export type RestRoute = RouteSpec<z.ZodType<{ projectId: string }>, z.ZodType, z.ZodType, z.ZodType>;

/** A route whose handler sees the types its schemas parse to, and must return its response's type. */
export function defineRoute<
  Params extends z.ZodType<{ projectId: string }>,
  Response extends z.ZodType,
  Query extends z.ZodType = z.ZodType<Record<string, never>>,
  Body extends z.ZodType = z.ZodUndefined,
>(route: RouteSpec<Params, Query, Body, Response>): RestRoute {
  // The router validates each part with the route's own schema before calling the handler, so the
  // handler's narrower input types hold; only the list of routes forgets them.
  return route as unknown as RestRoute;
}

/** A route outside any project (the caller's projects): its handler sees the grant only. */
export interface AccountRouteSpec<Response extends z.ZodType> {
  readonly method: 'GET';
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly response: Response;
  handle(input: { readonly grant: AccessGrant }): Promise<z.output<Response>>;
}

/** No path parameters: the account routes' params. */
const noParams = z.strictObject({});

export function defineAccountRoute<Response extends z.ZodType>(route: AccountRouteSpec<Response>): RestRoute {
  // The router hands every handler a projectId taken from the path; here there is none, and the
  // handler reads only the grant, which authentication has set.
  const handle = ({ grant }: { readonly grant: AccessGrant }) => route.handle({ grant });
  return { ...route, params: noParams, handle } as unknown as RestRoute;
}

/** Registers routes; each validates its parts with zod before the handler runs (400 naming every issue). */
export function registerRestRoutes(app: FastifyInstance, routes: readonly RestRoute[]): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.path,
      handler: async (request, reply) => {
        const params = parsePart(route.params, request.params, 'path') as { projectId: string };
        const query = route.query ? parsePart(route.query, request.query, 'query') : {};
        const body = route.body ? parsePart(route.body, request.body ?? {}, 'body') : undefined;
        const grant = request.grant!;
        const result = await route.handle({
          params,
          query,
          body,
          projectId: params.projectId,
          grant,
          request,
        });
        return reply.status(route.status ?? 200).send(result);
      },
    });
  }
}

function parsePart(schema: z.ZodType, value: unknown, part: string): unknown {
  const result = schema.safeParse(value);
  if (!result.success) throw validationErrorFrom(`invalid ${part}`, result.error);
  return result.data;
}
