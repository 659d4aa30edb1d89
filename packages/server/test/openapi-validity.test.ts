import { KINDS } from '@alma/core';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

describe('/openapi.json', () => {
  let test: TestServer;
  let document: OpenAPIV3_1.Document;
  beforeAll(async () => {
    test = await startTestServer({ insecureLocal: true });
    document = (await (await fetch(`${test.url}/openapi.json`)).json()) as OpenAPIV3_1.Document;
  });
  afterAll(async () => test.close());

  const operations = () =>
    Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      METHODS.flatMap((method) => {
        const operation = item?.[method];
        return operation ? [{ path, method, operation }] : [];
      }),
    );

  it('passes a real OpenAPI validator, every $ref resolving inside the document', async () => {
    expect(JSON.stringify(document)).not.toContain('#/$defs/');
    // validate() dereferences: a $ref that points nowhere is an error here.
    const validated = await SwaggerParser.validate(structuredClone(document));
    expect(validated.info.title).toBe('ALMA API');
  });

  it('gives every operation a 2xx JSON response with a schema that resolves to a component', () => {
    const schemas = document.components?.schemas ?? {};
    expect(operations().length).toBeGreaterThanOrEqual(23 + 4 * KINDS.length);
    for (const { path, method, operation } of operations()) {
      const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      expect(success, `${method} ${path}`).toHaveLength(1);
      const [, response] = success[0]!;
      const schema = (response as OpenAPIV3_1.ResponseObject).content?.['application/json']?.schema;
      expect(schema, `${method} ${path}`).toMatchObject({
        $ref: expect.stringMatching(/^#\/components\/schemas\//),
      });
      const name = (schema as OpenAPIV3_1.ReferenceObject).$ref.slice('#/components/schemas/'.length);
      expect(schemas[name], `${method} ${path} → ${name}`).toMatchObject({ type: 'object' });
    }
  });

  it('defines each kind’s record once and refers to it from every route of the kind', () => {
    const schemas = document.components?.schemas ?? {};
    const text = JSON.stringify(document);
    for (const kind of KINDS) {
      const name = `${kind[0]!.toUpperCase()}${kind.slice(1)}`;
      const record = schemas[name] as OpenAPIV3_1.SchemaObject;
      expect(record, name).toMatchObject({ type: 'object', additionalProperties: false });
      expect(record.required).toContain('id');
      expect(record.properties).not.toHaveProperty('embedding');
      expect(record.properties?.createdAt).toEqual({ $ref: '#/components/schemas/Timestamp' });
      expect(schemas[`${name}Page`]).toMatchObject({
        properties: { items: { type: 'array', items: { $ref: `#/components/schemas/${name}` } } },
      });
      // Only references repeat a record: its properties appear in the document once.
      expect(text.split(JSON.stringify(record.properties)).length - 1, name).toBe(1);
    }
  });
});
