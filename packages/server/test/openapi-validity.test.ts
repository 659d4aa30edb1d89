import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('/openapi.json', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({ insecureLocal: true });
  });
  afterAll(async () => test.close());

  it('passes a real OpenAPI validator, every $ref resolving inside the document', async () => {
    const document = (await (await fetch(`${test.url}/openapi.json`)).json()) as OpenAPI.Document;
    expect(JSON.stringify(document)).not.toContain('#/$defs/');
    // validate() dereferences: a $ref that points nowhere is an error here.
    const validated = await SwaggerParser.validate(structuredClone(document));
    expect(validated.info.title).toBe('ALMA API');
  });
});
