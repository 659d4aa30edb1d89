import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './support/http-call.js';
import { exerciseEveryTool, TOOL_NAMES } from './support/mcp-scenario.js';
import { startTestServer, type TestServer } from './support/test-server.js';

async function connect(test: TestServer, key: string): Promise<Client> {
  const client = new Client({ name: 'alma-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${test.url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  await client.connect(transport);
  return client;
}

interface RpcReply {
  readonly jsonrpc: string;
  readonly id: number | string | null;
  readonly result?: { tools?: { name: string }[]; content?: { text: string }[]; isError?: boolean };
  readonly error?: { code: number; message: string };
}

describe('MCP over Streamable HTTP', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer();
  });
  afterAll(async () => {
    await test?.close();
  });

  it('lists and calls every tool through the official SDK client', async () => {
    const client = await connect(test, test.keys.alpha);
    try {
      await exerciseEveryTool(client);
    } finally {
      await client.close();
    }
  });

  it('takes the project from project_id when the key grants several', async () => {
    const client = await connect(test, test.keys.both);
    try {
      const missing = await client.callTool({ name: 'alma_stats', arguments: {} });
      expect(missing.isError).toBe(true);
      expect(JSON.parse((missing.content as { text: string }[])[0]!.text)).toMatchObject({
        code: 'VALIDATION',
      });
      const beta = await client.callTool({ name: 'alma_stats', arguments: { project_id: 'beta' } });
      expect(JSON.parse((beta.content as { text: string }[])[0]!.text)).toMatchObject({
        stats: { project_id: 'beta', total_count: 0 },
      });
    } finally {
      await client.close();
    }
  });

  it('answers the original plain JSON-RPC POST / without a session', async () => {
    const list = await call<RpcReply>(test.url, 'POST', '/', {
      key: test.keys.alpha,
      body: { jsonrpc: '2.0', id: 7, method: 'tools/list' },
    });
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ jsonrpc: '2.0', id: 7 });
    expect(list.json.result?.tools?.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());

    const stats = await call<RpcReply>(test.url, 'POST', '/', {
      key: test.keys.alpha,
      body: { method: 'tools/call', params: { name: 'alma_health', arguments: {} } },
    });
    expect(stats.json.id).toBeNull();
    expect(JSON.parse(stats.json.result?.content?.[0]?.text ?? '{}')).toMatchObject({
      status: 'healthy',
      project_id: 'alpha',
    });

    const unknown = await call<RpcReply>(test.url, 'POST', '/', {
      key: test.keys.alpha,
      body: {
        jsonrpc: '2.0',
        id: 'x',
        method: 'tools/call',
        params: { name: 'alma_nothing', arguments: {} },
      },
    });
    expect(unknown.json.error?.message).toContain('Unknown tool');
  });

  it('is stateless: GET and DELETE on /mcp are refused with 405', async () => {
    const get = await call(test.url, 'GET', '/mcp', { key: test.keys.alpha });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});
