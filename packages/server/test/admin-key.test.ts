import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HashingEmbedder } from '@alma/engine';
import { createApiKey, KeyRing, listApiKeys, registerKeysCommand } from '@alma/server';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorJson, type RecordJson } from './support/http-call.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface Retrieved {
  readonly memories: { domainKnowledge: { record: RecordJson; shared: boolean }[] };
}
interface RpcReply {
  readonly result?: { readonly content?: { readonly text: string }[]; readonly isError?: boolean };
}

const TASK = 'open the vault';
const FACT = 'the vault opens with the red key';

/**
 * Scope `global` reads every agent's memories: admin keys and the local operator may, other keys
 * may not, on REST and on MCP alike. An admin key still holds only its own projects.
 */
describe('admin keys and scope global', () => {
  let test: TestServer;
  let admin: string;
  let factId: string;

  beforeAll(async () => {
    test = await startTestServer({}, { embedder: new HashingEmbedder(64), keyRecheckMs: 0 });
    admin = (await createApiKey(test.keysFile, { projects: ['alpha'], admin: true, label: 'ops' })).token;
    // A memory of agent 'writer', which agent 'reader' does not inherit.
    const fact = await call<RecordJson>(test.url, 'POST', '/v1/projects/alpha/domain-knowledge', {
      key: test.keys.alpha,
      body: { agent: 'writer', domain: 'vault', fact: FACT },
    });
    expect(fact.status).toBe(201);
    factId = fact.json.id;
  });
  afterAll(async () => test?.close());

  const retrieve = <T = Retrieved>(key: string, scope?: unknown, project = 'alpha') =>
    call<T>(test.url, 'POST', `/v1/projects/${project}/retrieve`, {
      key,
      body: { task: TASK, agent: 'reader', ...(scope === undefined ? {} : { scope }) },
    });

  it('lets an admin key read another agent’s memories with scope global over REST', async () => {
    const global = await retrieve(admin, { level: 'global' });
    expect(global.status).toBe(200);
    expect(global.json.memories.domainKnowledge).toEqual([
      expect.objectContaining({
        record: expect.objectContaining({ id: factId, agent: 'writer' }),
        shared: true,
      }),
    ]);
    // Without it, even an admin key reads within the agent's scope.
    expect((await retrieve(admin)).json.memories.domainKnowledge).toEqual([]);
    expect((await retrieve(admin, { level: 'agent' })).json.memories.domainKnowledge).toEqual([]);
  });

  it('refuses scope global to a key that is not admin (403 SCOPE_VIOLATION), whatever it grants', async () => {
    for (const key of [test.keys.alpha, test.keys.both]) {
      const refused = await retrieve<ErrorJson>(key, { level: 'global' });
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe('SCOPE_VIOLATION');
      expect(refused.json.error.message).toContain("scope 'global'");
    }
    // The plain key still retrieves within its agent's scope.
    expect((await retrieve(test.keys.alpha)).status).toBe(200);
  });

  it('keeps an admin key to its own projects', async () => {
    const other = await retrieve<ErrorJson>(admin, { level: 'global' }, 'beta');
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe('FORBIDDEN');
  });

  describe.each(['/', '/mcp'])('alma_retrieve_scoped over POST %s', (endpoint) => {
    const scoped = async (key: string) => {
      const answer = await call<RpcReply>(test.url, 'POST', endpoint, {
        key,
        headers: { accept: 'application/json, text/event-stream' },
        body: {
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: {
            name: 'alma_retrieve_scoped',
            arguments: { task: TASK, agent: 'reader', scope: 'global' },
          },
        },
      });
      expect(answer.status).toBe(200);
      return {
        isError: answer.json.result?.isError === true,
        text: answer.json.result?.content?.[0]?.text ?? '',
      };
    };

    it('gives an admin key every agent’s memories', async () => {
      const { isError, text } = await scoped(admin);
      expect(isError, text).toBe(false);
      expect(JSON.parse(text)).toMatchObject({
        success: true,
        scope: 'global',
        scope_filter: {},
        memories: { domain_knowledge: [expect.objectContaining({ id: factId, fact: FACT })] },
      });
    });

    it('refuses a plain key', async () => {
      const { isError, text } = await scoped(test.keys.alpha);
      expect(isError).toBe(true);
      expect(text).toContain("scope 'global'");
      expect(text).not.toContain(FACT);
    });
  });

  it('stores the flag only on admin keys, carries it on the grant, and lists it', async () => {
    const file = JSON.parse(await readFile(test.keysFile, 'utf8')) as { keys: Record<string, unknown>[] };
    const [adminEntry, ...plain] = [...file.keys].reverse();
    expect(adminEntry).toMatchObject({ admin: true, label: 'ops' });
    // Plain keys are written as before: files stay readable by servers that predate the flag.
    for (const key of plain) expect(key).not.toHaveProperty('admin');
    const ring = await KeyRing.open(test.keysFile, 0);
    expect(await ring.verify(admin)).toEqual({
      keyId: adminEntry!.id,
      projects: new Set(['alpha']),
      admin: true,
    });
    expect(await ring.verify(test.keys.alpha)).not.toHaveProperty('admin');
    expect((await listApiKeys(test.keysFile)).find((key) => key.id === adminEntry!.id)).toMatchObject({
      admin: true,
    });
  });

  it('takes --admin on `alma keys create` and shows it in `alma keys list`', async () => {
    const file = join(test.directory, 'cli-keys.json');
    const output: string[] = [];
    const run = async (...args: string[]) => {
      const program = new Command('alma').exitOverride();
      registerKeysCommand(program, (text) => output.push(text));
      await program.parseAsync([...args, '--keys', file], { from: 'user' });
      return output.at(-1) ?? '';
    };
    const created = JSON.parse(await run('keys', 'create', '--project', 'a', '--admin', '--json')) as {
      id: string;
      admin?: boolean;
    };
    expect(created.admin).toBe(true);
    const plain = JSON.parse(await run('keys', 'create', '--project', 'a', '--json')) as { id: string };
    expect(plain).not.toHaveProperty('admin');
    expect(await run('keys', 'create', '--project', 'a', '--admin', '--label', 'ops')).toMatch(
      /grants a as an admin key/,
    );
    const listing = await run('keys', 'list');
    expect(listing).toContain(`${created.id}  active  a  admin\n`);
    expect(listing).toContain(`${plain.id}  active  a\n`);
    expect(listing).toMatch(/active {2}a {2}admin {2}ops\n/);
  });
});
