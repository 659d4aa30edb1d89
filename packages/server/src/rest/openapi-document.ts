import { z } from 'zod';
import type { RestRoute } from './rest-route.js';

type JsonSchema = Record<string, unknown>;

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', description: 'Stable: VALIDATION, NOT_FOUND, UNAUTHORIZED, FORBIDDEN, …' },
        message: { type: 'string' },
        details: { type: 'object' },
        requestId: { type: 'string' },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** The OpenAPI 3.1 document of the REST API, generated from the same zod schemas that validate requests. */
export function openApiDocument(routes: readonly RestRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters: [
        ...parametersOf(route.params, 'path'),
        ...(route.query ? parametersOf(route.query, 'query') : []),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchemaOf(route.body) } },
            },
          }
        : {}),
      responses: {
        [String(route.status ?? 200)]: { description: route.returns },
        '400': errorResponse('Malformed JSON or invalid fields (code VALIDATION)'),
        '401': errorResponse('No API key, or an unknown or revoked one'),
        '403': errorResponse(
          'The key does not grant this project (FORBIDDEN), or the agent’s scope forbids it',
        ),
        '404': errorResponse('No such record in this project'),
        '413': errorResponse('Body larger than the server accepts'),
        '429': errorResponse('Rate limit of the key exceeded; see Retry-After'),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ALMA API',
      version,
      description:
        'Persistent, learning memory for AI agents. Every route works within one project; API keys grant projects.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { apiKey: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer alma_<id>_<secret>' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
}

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return json;
}

function parametersOf(schema: z.ZodType, location: 'path' | 'query'): JsonSchema[] {
  const json = jsonSchemaOf(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}
