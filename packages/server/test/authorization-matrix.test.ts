import { randomUUID } from 'node:crypto';
import { KINDS } from '@alma/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallResult, call } from './support/http-call.js';
import { TOOL_NAMES } from './support/mcp-scenario.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** A valid body for each write operation, so that "own project" really writes and "other" really would. */
const BODIES: Readonly<Record<string, unknown>> = {
  retrieve: { task: 'ship the release', agent: 'coder' },
  learn: {
    agent: 'coder',
    taskType: 'release',
    taskDescription: 'ship',
    success: true,
    strategyUsed: 'tag then push',
  },
  addPreference: { userId: 'ada', category: 'tone', preference: 'short answers' },
  addKnowledge: { agent: 'coder', domain: 'release', fact: 'releases go out on Tuesdays' },
  forget: { outcomesOlderThanDays: 365 },
  saveCheckpoint: { runId: 'rest-run', nodeId: 'plan', state: { step: 1 } },
  mergeStates: { states: [{ a: 1 }, { a: 2 }], reducerConfig: { a: 'sum' } },
  learnFromWorkflow: {
    agent: 'coder',
    workflowId: 'release',
    runId: 'rest-run',
    result: 'success',
    summary: 'shipped',
  },
  // No such memory: the key reaches the engine, which answers 404.
  linkArtifact: {
    memoryId: '01900000-0000-7000-8000-000000000001',
    artifactType: 'log',
    storageUrl: 's3://x',
  },
  consolidate: { agent: 'coder' },
};
const PATCH_BODY = { metadata: { reviewed: true } };

const PLACEHOLDER_MEMORY = '01900000-0000-7000-8000-000000000001';
const TOOL_ARGUMENTS: Readonly<Record<string, Record<string, unknown>>> = {
  alma_retrieve: { task: 'ship the release', agent: 'coder' },
  alma_learn: { agent: 'coder', task: 'ship', outcome: 'success', strategy_used: 'tag then push' },
  alma_add_preference: { user_id: 'ada', category: 'tone', preference: 'short answers' },
  alma_add_knowledge: { agent: 'coder', domain: 'release', fact: 'releases go out on Tuesdays' },
  alma_forget: {},
  alma_stats: {},
  alma_health: {},
  alma_consolidate: { agent: 'coder' },
  alma_checkpoint: { run_id: 'run-1', node_id: 'plan', state: { step: 1 } },
  alma_resume: { run_id: 'run-1' },
  alma_merge_states: { states: [{ a: 1 }, { a: 2 }], reducer_config: { a: 'sum' } },
  alma_workflow_learn: {
    agent: 'coder',
    workflow_id: 'release',
    run_id: 'run-1',
    result: 'success',
    summary: 'shipped',
  },
  // The memory is the one alma_add_knowledge wrote just before (see below).
  alma_link_artifact: { memory_id: PLACEHOLDER_MEMORY, artifact_type: 'log', storage_url: 's3://logs/run-1' },
  alma_get_artifacts: { memory_id: PLACEHOLDER_MEMORY },
  alma_cleanup_checkpoints: { run_id: 'run-1' },
  alma_retrieve_scoped: {
    task: 'ship the release',
    agent: 'coder',
    scope: 'workflow',
    workflow_id: 'release',
  },
};

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
}

interface RpcReply {
  readonly result?: { isError?: boolean };
  readonly error?: { code: number; message: string; data?: { code: string } };
}

describe('authorization: every route and tool × own project, other project, no key, bad key', () => {
  let test: TestServer;
  let operations: Operation[];
  const forged = `alma_${'0'.repeat(12)}_${'1'.repeat(64)}`;

  beforeAll(async () => {
    test = await startTestServer();
    const document = await call<{ paths: Record<string, Record<string, { operationId: string }>> }>(
      test.url,
      'GET',
      '/openapi.json',
    );
    operations = Object.entries(document.json.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
      })),
    );
  });
  afterAll(async () => {
    await test?.close();
  });

  const send = (operation: Operation, project: string, key: string | null) =>
    call(
      test.url,
      operation.method,
      operation.path
        .replace('{projectId}', project)
        .replace('{id}', randomUUID())
        .replace('{runId}', 'rest-run'),
      {
        key,
        ...(operation.method === 'POST' ? { body: BODIES[operation.operationId] ?? {} } : {}),
        ...(operation.method === 'PATCH' ? { body: PATCH_BODY } : {}),
      },
    );
  const betaTotal = async () =>
    (await call<{ total: number }>(test.url, 'GET', '/v1/projects/beta/stats', { key: test.keys.beta })).json
      .total;

  it('documents every REST route it checks (7 engine operations, 10 workflow ones, 6 for dashboards, 4 per kind × 9, 7 searches)', () => {
    expect(operations).toHaveLength(23 + 4 * KINDS.length + 7);
  });

  it('lets a key use its own project on every route', async () => {
    for (const operation of operations) {
      const result = await send(operation, 'alpha', test.keys.alpha);
      expect(
        [401, 403],
        `${operation.method} ${operation.path} → ${result.status} ${result.text}`,
      ).not.toContain(result.status);
      expect(result.status, `${operation.method} ${operation.path}`).toBeLessThan(500);
    }
  });

  it('answers 403 on every route of another project, and writes nothing there', async () => {
    const before = await betaTotal();
    // Every route but the caller's own list of projects names one.
    for (const operation of operations.filter((candidate) => candidate.path.includes('{projectId}'))) {
      const result = await send(operation, 'beta', test.keys.alpha);
      expect(result.status, `${operation.method} ${operation.path}`).toBe(403);
      expect(result.json.error.code).toBe('FORBIDDEN');
    }
    expect(await betaTotal()).toBe(before);
  });

  it('answers 401 on every route without a key, with a bad key, and with a revoked key', async () => {
    for (const key of [null, forged, 'not-a-key', test.keys.revoked]) {
      for (const operation of operations) {
        const result = await send(operation, 'alpha', key);
        expect(result.status, `${operation.method} ${operation.path} with ${key}`).toBe(401);
        expect(result.json.error.code).toBe('UNAUTHORIZED');
        expect(result.headers.get('www-authenticate')).toBe('Bearer');
      }
    }
  });

  describe.each(['/mcp', '/'])('tools over %s', (endpoint) => {
    const rpc = (key: string | null, body: unknown): Promise<CallResult<RpcReply>> =>
      call<RpcReply>(test.url, 'POST', endpoint, {
        key,
        body,
        headers: { accept: 'application/json, text/event-stream' },
      });
    const toolCall = (name: string, extra: Record<string, unknown> = {}) => ({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name, arguments: { ...TOOL_ARGUMENTS[name], ...extra } },
    });

    it('runs every tool in the key’s own project', async () => {
      let memory: Record<string, string> = {};
      for (const name of TOOL_NAMES) {
        // One outcome per workflow run: each pass over the tools learns a run of its own.
        const extra =
          name === 'alma_workflow_learn' ? { run_id: randomUUID() } : name.includes('artifact') ? memory : {};
        const result = await rpc(test.keys.alpha, toolCall(name, extra));
        if (name === 'alma_add_knowledge') {
          const text = (result.json.result as { content?: { text: string }[] } | undefined)?.content?.[0]
            ?.text;
          memory = { memory_id: JSON.parse(text ?? '{}').knowledge?.id };
        }
        expect(result.status, name).toBe(200);
        expect(result.json.result, `${name}: ${result.text}`).toBeDefined();
        expect(result.json.result?.isError ?? false, `${name}: ${result.text}`).toBe(false);
      }
    });

    it('refuses every tool in another project with 403, writing nothing', async () => {
      const before = await betaTotal();
      for (const name of TOOL_NAMES) {
        const result = await rpc(test.keys.alpha, toolCall(name, { project_id: 'beta' }));
        expect(result.status, name).toBe(403);
        expect(result.json.error).toMatchObject({ code: -32003, data: { code: 'FORBIDDEN' } });
      }
      const resource = await rpc(test.keys.alpha, {
        jsonrpc: '2.0',
        id: 2,
        method: 'resources/read',
        params: { uri: 'alma://projects/beta/config' },
      });
      expect(resource.status).toBe(403);
      expect(await betaTotal()).toBe(before);
    });

    it('refuses every tool without a key or with a bad one (401)', async () => {
      for (const key of [null, forged, test.keys.revoked]) {
        for (const name of TOOL_NAMES) {
          const result = await rpc(key, toolCall(name));
          expect(result.status, `${name} with ${key}`).toBe(401);
        }
      }
    });
  });
});
