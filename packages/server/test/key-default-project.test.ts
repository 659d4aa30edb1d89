import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApiKey, KeyRing, listApiKeys, registerKeysCommand } from '@alma/server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './support/http-call.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface ToolReply {
  readonly result?: { readonly isError?: boolean; readonly content: readonly { readonly text: string }[] };
  readonly error?: { readonly code: number; readonly message: string };
}

/** A key granting alpha and beta, with beta as its default (issue 15: the original SDK sends no project). */
describe('a key’s default project', () => {
  let test: TestServer;
  let defaulted: string;

  /** What a client of the original server sends: JSON-RPC on `POST /`, arguments without project_id. */
  const originalTool = async (key: string, name: string, args: Record<string, unknown> = {}) => {
    const answer = await call<ToolReply>(test.url, 'POST', '/', {
      key,
      body: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.error).toBeUndefined();
    return {
      isError: answer.json.result?.isError === true,
      json: JSON.parse(answer.json.result!.content[0]!.text) as Record<string, unknown>,
    };
  };
  const total = async (project: string, key: string) =>
    (await call<{ total: number }>(test.url, 'GET', `/v1/projects/${project}/stats`, { key })).json.total;

  beforeAll(async () => {
    test = await startTestServer({}, { keyRecheckMs: 0 });
    defaulted = (
      await createApiKey(test.keysFile, { projects: ['alpha', 'beta'], defaultProject: 'beta', label: 'sdk' })
    ).token;
    // Two memories in alpha and one in beta, so that the counts tell the projects apart.
    for (const [project, key, n] of [
      ['alpha', test.keys.alpha, 2],
      ['beta', test.keys.beta, 1],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const created = await call(test.url, 'POST', `/v1/projects/${project}/preferences`, {
          key,
          body: { userId: 'ada', category: 'tone', preference: `short answers ${i}` },
        });
        expect(created.status).toBe(201);
      }
    }
  });
  afterAll(async () => {
    await test?.close();
  });

  it('serves an original-protocol alma_stats without project_id from the default project', async () => {
    const stats = await originalTool(defaulted, 'alma_stats');
    expect(stats).toMatchObject({
      isError: false,
      json: { success: true, stats: { project_id: 'beta', total_count: 1 } },
    });
  });

  it('writes a call without project_id into the default project', async () => {
    const added = await originalTool(defaulted, 'alma_add_preference', {
      user_id: 'ada',
      category: 'tone',
      preference: 'no emoji',
    });
    expect(added.isError).toBe(false);
    expect(await total('beta', test.keys.beta)).toBe(2);
    expect(await total('alpha', test.keys.alpha)).toBe(2);
  });

  it('still honours an explicit project_id, and still refuses a project the key does not grant', async () => {
    const alpha = await originalTool(defaulted, 'alma_stats', { project_id: 'alpha' });
    expect(alpha.json).toMatchObject({ success: true, stats: { project_id: 'alpha', total_count: 2 } });
    const denied = await call<ToolReply>(test.url, 'POST', '/', {
      key: defaulted,
      body: {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'alma_stats', arguments: { project_id: 'gamma' } },
      },
    });
    expect(denied.status).toBe(403);
  });

  it('keeps the clear error for a key of several projects without a default', async () => {
    const stats = await originalTool(test.keys.both, 'alma_stats');
    expect(stats.isError).toBe(true);
    expect(stats.json).toMatchObject({ success: false, code: 'VALIDATION' });
    expect(stats.json.error).toMatch(/grants several projects \(alpha, beta\) and has no default project/);
  });

  it('lets a key of one project default to it without saying so', async () => {
    const stats = await originalTool(test.keys.alpha, 'alma_stats');
    expect(stats.json).toMatchObject({ success: true, stats: { project_id: 'alpha' } });
  });

  it('serves the same default to the official MCP client over Streamable HTTP', async () => {
    const client = new Client({ name: 'alma-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${test.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${defaulted}` } },
      }),
    );
    try {
      const health = await client.callTool({ name: 'alma_health', arguments: {} });
      expect(JSON.parse((health.content as { text: string }[])[0]!.text)).toMatchObject({
        success: true,
        project_id: 'beta',
      });
    } finally {
      await client.close();
    }
  });
});

describe('the key file’s default project', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({}, { keyRecheckMs: 0 });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('refuses a default the key does not grant, or that is no project id', async () => {
    await expect(
      createApiKey(test.keysFile, { projects: ['alpha', 'beta'], defaultProject: 'gamma' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/'gamma' is not one/) });
    await expect(
      createApiKey(test.keysFile, { projects: ['alpha'], defaultProject: 'no spaces' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('writes the field only when given, so a server that predates it reads the file', async () => {
    const text = await readFile(test.keysFile, 'utf8');
    // startTestServer's keys were created without a default.
    expect(text).not.toContain('defaultProject');
    const created = await createApiKey(test.keysFile, {
      projects: ['alpha', 'beta'],
      defaultProject: 'alpha',
    });
    expect(created.defaultProject).toBe('alpha');
    expect((await listApiKeys(test.keysFile)).find((key) => key.id === created.id)).toMatchObject({
      projects: ['alpha', 'beta'],
      defaultProject: 'alpha',
    });
  });

  it('loads a key file written before the field existed, and one that sets it', async () => {
    const file = join(test.directory, 'old-keys.json');
    // A key of two projects as an older `alma keys create` wrote it: no defaultProject.
    const old = await createApiKey(file, { projects: ['alpha', 'beta'] });
    const json = JSON.parse(await readFile(file, 'utf8')) as { keys: Record<string, unknown>[] };
    expect(Object.keys(json.keys[0]!)).toEqual(['id', 'projects', 'label', 'hash', 'createdAt', 'revokedAt']);
    const ring = await KeyRing.open(file, 0);
    expect(await ring.verify(old.token)).toEqual({ keyId: old.id, projects: new Set(['alpha', 'beta']) });
    // The same key given a default by hand.
    await writeFile(file, JSON.stringify({ ...json, keys: [{ ...json.keys[0], defaultProject: 'beta' }] }));
    expect(await (await KeyRing.open(file, 0)).verify(old.token)).toEqual({
      keyId: old.id,
      projects: new Set(['alpha', 'beta']),
      defaultProject: 'beta',
    });
  });

  it('refuses a hand-edited key file whose default the key does not grant', async () => {
    const file = join(test.directory, 'edited-keys.json');
    await createApiKey(file, { projects: ['alpha'] });
    const json = JSON.parse(await readFile(file, 'utf8')) as { keys: Record<string, unknown>[] };
    await writeFile(file, JSON.stringify({ ...json, keys: [{ ...json.keys[0], defaultProject: 'beta' }] }));
    await expect(KeyRing.open(file, 0)).rejects.toMatchObject({ code: 'CORRUPT_DATA' });
  });

  it('takes --default-project on `alma keys create` and shows it in `alma keys list`', async () => {
    const file = join(test.directory, 'cli-keys.json');
    const output: string[] = [];
    const run = async (...args: string[]) => {
      const program = new Command('alma').exitOverride();
      registerKeysCommand(program, (text) => output.push(text));
      await program.parseAsync([...args, '--keys', file], { from: 'user' });
      return output.at(-1) ?? '';
    };
    const created = JSON.parse(
      await run('keys', 'create', '--project', 'a', '--project', 'b', '--default-project', 'b', '--json'),
    ) as { id: string; token: string };
    expect(created).toMatchObject({ projects: ['a', 'b'], defaultProject: 'b' });
    expect(await run('keys', 'list')).toContain(`${created.id}  active  a,b  default b`);
    expect(await run('keys', 'create', '--project', 'a', '--project', 'b', '--default-project', 'a')).toMatch(
      /grants a, b \(default a\)/,
    );
    await expect(run('keys', 'create', '--project', 'a', '--default-project', 'b')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
