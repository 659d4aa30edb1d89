import { z } from 'zod';
import { API_SCHEMAS, componentIdOf } from './api-schema-registry.js';
import { errorSchema } from './response-schemas.js';
import type { RestRoute } from './rest-route.js';

type JsonSchema = Record<string, unknown>;

const COMPONENT_PATH = '#/components/schemas/';
const refTo = (schema: z.ZodType) => ({ $ref: `${COMPONENT_PATH}${componentIdOf(schema)}` });

/** The refusals every route may answer, defined once under `components/responses`. */
const ERROR_RESPONSES = {
  '400': ['BadRequest', 'Malformed JSON or invalid fields (code VALIDATION)'],
  '401': ['Unauthorized', 'No API key, or an unknown or revoked one'],
  '403': ['Forbidden', 'The key does not grant this project (FORBIDDEN), or the agent’s scope forbids it'],
  '404': ['NotFound', 'No such record in this project'],
  '409': ['Conflict', 'The request conflicts with what the project holds (code CONFLICT)'],
  '413': ['PayloadTooLarge', 'Body larger than the server accepts'],
  '429': ['TooManyRequests', 'Rate limit of the key exceeded; see Retry-After'],
} as const;

/**
 * The OpenAPI 3.1 document of the REST API, generated from the zod schemas that validate requests
 * and type the handlers' responses; every shape a response names is one component.
 */
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
        [String(route.status ?? 200)]: {
          description: z.globalRegistry.get(route.response)?.description ?? componentIdOf(route.response),
          content: { 'application/json': { schema: refTo(route.response) } },
        },
        ...Object.fromEntries(
          Object.entries(ERROR_RESPONSES).map(([status, [name]]) => [
            status,
            { $ref: `#/components/responses/${name}` },
          ]),
        ),
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
      schemas: componentSchemas(),
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map(([name, description]) => [
          name,
          { description, content: { 'application/json': { schema: refTo(errorSchema) } } },
        ]),
      ),
    },
    paths,
  };
}

/** Every shape registered with `named()`, as JSON Schema, referring to each other by `$ref`. */
function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(API_SCHEMAS, { io: 'output', uri: (id) => `${COMPONENT_PATH}${id}` });
  // Each comes out as a document of its own; inside components it needs neither dialect nor id.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema as JsonSchema]),
  );
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
