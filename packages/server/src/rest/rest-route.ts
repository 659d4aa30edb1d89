import { validationErrorFrom } from '@alma/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AccessGrant } from '../http/access-grant.js';

/** What a REST handler receives: validated parts of the request, and the authorised project. */
export interface RouteInput {
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
  readonly projectId: string;
  readonly grant: AccessGrant;
  readonly request: FastifyRequest;
}

/**
 * One REST operation, described once: the route, its zod schemas (validation and the OpenAPI
 * document both come from them) and its handler. Every route lives under a project.
 */
export interface RestRoute {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Fastify syntax, e.g. `/v1/projects/:projectId/stats`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly params: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Status of success; 200 unless said. */
  readonly status?: 200 | 201;
  /** What the success body holds, for the OpenAPI document. */
  readonly returns: string;
  handle(input: RouteInput): Promise<unknown>;
}

/** Registers routes; each validates its parts with zod before the handler runs (400 naming every issue). */
export function registerRestRoutes(app: FastifyInstance, routes: readonly RestRoute[]): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.path,
      handler: async (request, reply) => {
        const params = parsePart(route.params, request.params, 'path') as Record<string, unknown>;
        const query = route.query
          ? (parsePart(route.query, request.query, 'query') as Record<string, unknown>)
          : {};
        const body = route.body ? parsePart(route.body, request.body ?? {}, 'body') : undefined;
        const grant = request.grant!;
        const result = await route.handle({
          params,
          query,
          body,
          projectId: params.projectId as string,
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
