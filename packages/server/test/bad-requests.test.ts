import { HashingEmbedder } from '@alma/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallResult, call } from './support/http-call.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const LEARN = '/v1/projects/alpha/learn';
const valid = {
  agent: 'coder',
  taskType: 'build',
  taskDescription: 'build it',
  success: true,
  strategyUsed: 'make',
};

/** What no error body may hold: a stack frame, a module path, or SQL. */
function expectNothingInternal(result: CallResult<unknown>): void {
  expect(result.text).not.toMatch(/\n\s+at |node_modules|\bSELECT\b|\bINSERT\b|prisma/i);
}

describe('malformed, oversized and mistyped requests', () => {
  let test: TestServer;
  const total = async () =>
    (await call<{ total: number }>(test.url, 'GET', '/v1/projects/alpha/stats', { key: test.keys.alpha }))
      .json.total;

  beforeAll(async () => {
    test = await startTestServer({ bodyLimitBytes: 4_096 });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('answers 4xx with a clear message, writes nothing, and leaks nothing', async () => {
    const before = await total();
    const key = test.keys.alpha;
    const cases: [string, Promise<CallResult<unknown>>, number, string, RegExp][] = [
      [
        'malformed JSON',
        call(test.url, 'POST', LEARN, { key, raw: '{"agent": "coder",' }),
        400,
        'VALIDATION',
        /not valid JSON/,
      ],
      ['an empty JSON body', call(test.url, 'POST', LEARN, { key, raw: '' }), 400, 'VALIDATION', /empty/],
      [
        'a body over the limit',
        call(test.url, 'POST', LEARN, { key, body: { ...valid, taskDescription: 'x'.repeat(8_000) } }),
        413,
        'PAYLOAD_TOO_LARGE',
        /larger than/,
      ],
      [
        'a wrong type',
        call(test.url, 'POST', LEARN, { key, body: { ...valid, success: 'yes' } }),
        400,
        'VALIDATION',
        /success/,
      ],
      [
        'an unknown field',
        call(test.url, 'POST', LEARN, { key, body: { ...valid, sucess: true } }),
        400,
        'VALIDATION',
        /sucess/,
      ],
      [
        'a NUL character',
        call(test.url, 'POST', LEARN, { key, body: { ...valid, taskDescription: 'a\u0000b' } }),
        400,
        'VALIDATION',
        /NUL/,
      ],
      [
        'a body that is not JSON',
        call(test.url, 'POST', LEARN, { key, raw: 'agent=coder', headers: { 'content-type': 'text/plain' } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        /application\/json/,
      ],
      [
        'an id that is not a UUID',
        call(test.url, 'GET', '/v1/projects/alpha/outcomes/42', { key }),
        400,
        'VALIDATION',
        /id/,
      ],
      [
        'a forged cursor',
        call(test.url, 'GET', '/v1/projects/alpha/outcomes?cursor=bm9wZQ', { key }),
        400,
        'VALIDATION',
        /cursor/,
      ],
      [
        'a limit out of range',
        call(test.url, 'GET', '/v1/projects/alpha/outcomes?limit=0', { key }),
        400,
        'VALIDATION',
        /limit/,
      ],
      [
        'an embedding in a patch',
        call(
          test.url,
          'PATCH',
          `/v1/projects/alpha/outcomes/${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}`,
          { key, body: { embedding: [1] } },
        ),
        400,
        'VALIDATION',
        /embedding/,
      ],
      ['an unknown route', call(test.url, 'GET', '/v1/nothing', { key }), 404, 'NOT_FOUND', /no route/],
    ];
    for (const [name, pending, status, code, message] of cases) {
      const result = await pending;
      expect(result.status, name).toBe(status);
      expect(result.json, name).toMatchObject({
        error: { code, message: expect.stringMatching(message), requestId: expect.any(String) },
      });
      expectNothingInternal(result);
    }
    expect(await total()).toBe(before);
  });

  it('refuses an oversized MCP message with 413 before parsing it', async () => {
    const result = await call(test.url, 'POST', '/mcp', {
      key: test.keys.alpha,
      headers: { accept: 'application/json, text/event-stream' },
      body: {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'alma_stats', arguments: { agent: 'x'.repeat(8_000) } },
      },
    });
    expect(result.status).toBe(413);
  });
});

describe('failures inside the server', () => {
  let test: TestServer;
  beforeAll(async () => {
    const failing = new HashingEmbedder(384);
    failing.embed = async () => {
      throw new Error('SELECT secret FROM alma_outcomes WHERE 1=1');
    };
    test = await startTestServer({}, { embedder: failing });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('answer 500 with a generic message that names the request id, over REST and MCP', async () => {
    const rest = await call(test.url, 'POST', LEARN, { key: test.keys.alpha, body: valid });
    expect(rest.status).toBe(500);
    expect(rest.json.error).toMatchObject({ code: 'INTERNAL', requestId: rest.headers.get('x-request-id') });
    expect(rest.json.error.message).toContain(rest.json.error.requestId);
    expectNothingInternal(rest);

    const tool = await call<{ result: { isError: boolean; content: { text: string }[] } }>(
      test.url,
      'POST',
      '/mcp',
      {
        key: test.keys.alpha,
        headers: { accept: 'application/json, text/event-stream' },
        body: {
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: {
            name: 'alma_learn',
            arguments: { agent: 'a', task: 't', outcome: 'success', strategy_used: 's' },
          },
        },
      },
    );
    expect(tool.json.result.isError).toBe(true);
    expect(JSON.parse(tool.json.result.content[0]!.text)).toMatchObject({ success: false, code: 'INTERNAL' });
    expectNothingInternal(tool);
  });
});
