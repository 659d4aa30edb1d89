import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './support/http-call.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface RpcReply {
  readonly jsonrpc: string;
  readonly id: unknown;
  readonly result?: Record<string, unknown>;
  readonly error?: { readonly code: number; readonly message: string };
}

/** What clients of the original server send and expect (issue 15's compatibility details). */
describe('clients of the original server', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({ insecureLocal: true });
  });
  afterAll(async () => test.close());

  it('answers initialize with params {} on POST /, as the original did', async () => {
    const answer = await call<RpcReply>(test.url, 'POST', '/', {
      body: { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.error).toBeUndefined();
    expect(answer.json.result).toMatchObject({
      serverInfo: expect.any(Object),
      protocolVersion: expect.any(String),
    });
  });

  it('serves GET /health, the original’s route', async () => {
    const answer = await call<{ status: string }>(test.url, 'GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'ok' });
  });

  it('answers a body that is not JSON on POST / with JSON-RPC -32700', async () => {
    const answer = await call<RpcReply>(test.url, 'POST', '/', { raw: '{"method": "tools/list", ' });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
  });

  it('names the method it does not know', async () => {
    const answer = await call<RpcReply>(test.url, 'POST', '/', {
      body: { jsonrpc: '2.0', id: 7, method: 'tools/frobnicate', params: {} },
    });
    expect(answer.json.error).toMatchObject({ code: -32601, message: 'Method not found: tools/frobnicate' });
  });

  it('takes a DELETE announcing JSON with no body, as Node’s fetch sends it', async () => {
    const created = await call<{ id: string }>(test.url, 'POST', '/v1/projects/default/preferences', {
      body: { userId: 'u1', category: 'style', preference: 'short answers' },
    });
    expect(created.status).toBe(201);
    const answer = await call(test.url, 'DELETE', `/v1/projects/default/preferences/${created.json.id}`, {
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
  });

  it('says in its OpenAPI pattern what it accepts as a record id: no nil UUID', async () => {
    const nil = '00000000-0000-0000-0000-000000000000';
    const answer = await call<{ error: { code: string } }>(
      test.url,
      'GET',
      `/v1/projects/default/preferences/${nil}`,
    );
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('VALIDATION');
    const document = await call<{
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; schema: { pattern?: string } }[] }>
      >;
    }>(test.url, 'GET', '/openapi.json');
    const item = Object.entries(document.json.paths).find(([path]) => path.endsWith('/preferences/{id}'))!;
    const id = item[1].get!.parameters!.find((parameter) => parameter.name === 'id')!;
    expect(new RegExp(id.schema.pattern!, 'i').test(nil)).toBe(false);
    expect(new RegExp(id.schema.pattern!, 'i').test('019ad5a0-0000-7000-8000-000000000001')).toBe(true);
  });

  it('says which tool or resource it does not know, with the code once, and refuses unknown arguments', async () => {
    const tool = await call<RpcReply>(test.url, 'POST', '/', {
      body: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'nope', arguments: {} } },
    });
    expect(tool.json.error).toEqual({ code: -32602, message: 'Unknown tool: nope' });
    const resource = await call<RpcReply>(test.url, 'POST', '/', {
      body: { jsonrpc: '2.0', id: 2, method: 'resources/read', params: { uri: 'alma://nope' } },
    });
    expect(resource.json.error?.code).toBe(-32602);
    expect(resource.json.error?.message).not.toMatch(/MCP error/);
    const bogus = await call<{ result: { isError?: boolean; content: { text: string }[] } }>(
      test.url,
      'POST',
      '/',
      {
        body: {
          jsonrpc: '2.0',
          id: 3,
          method: 'tools/call',
          params: { name: 'alma_stats', arguments: { bogus: 1 } },
        },
      },
    );
    expect(bogus.json.result.isError).toBe(true);
    expect(JSON.parse(bogus.json.result.content[0]!.text)).toMatchObject({
      success: false,
      code: 'VALIDATION',
    });
  });
});
