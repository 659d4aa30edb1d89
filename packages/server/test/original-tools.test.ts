import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './support/http-call.js';
import { TOOL_NAMES } from './support/mcp-scenario.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface RpcReply {
  readonly result?: {
    readonly content?: { readonly text: string }[];
    readonly isError?: boolean;
    tools?: { name: string }[];
  };
  readonly error?: { readonly code: number; readonly message: string };
}

const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const UUID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/**
 * Written from the original's protocol: JSON-RPC `tools/call` on `POST /`, no session, the original's
 * argument names, and the result shapes of its `alma/mcp/tools/*.py`.
 */
describe('the original’s 16 tools over POST /', () => {
  let test: TestServer;
  let id = 0;
  const tool = async (name: string, args: Record<string, unknown>) => {
    const answer = await call<RpcReply>(test.url, 'POST', '/', {
      body: { jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name, arguments: args } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.error).toBeUndefined();
    const result = JSON.parse(answer.json.result?.content?.[0]?.text ?? 'null');
    return { result, isError: answer.json.result?.isError === true };
  };
  const ok = async (name: string, args: Record<string, unknown>) => {
    const { result, isError } = await tool(name, args);
    expect(isError, JSON.stringify(result)).toBe(false);
    return result;
  };

  beforeAll(async () => {
    test = await startTestServer({ insecureLocal: true });
  });
  afterAll(async () => test.close());

  it('lists all 16, named as the original names them', async () => {
    const answer = await call<RpcReply>(test.url, 'POST', '/', {
      body: { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} },
    });
    expect(answer.json.result?.tools?.map((t) => t.name)).toEqual(TOOL_NAMES);
  });

  it('answers each tool with the original’s result shape', async () => {
    const knowledge = await ok('alma_add_knowledge', {
      agent: 'coder',
      domain: 'deploys',
      fact: 'canary first',
    });
    expect(knowledge).toMatchObject({
      success: true,
      knowledge: { id: UUID, agent: 'coder', domain: 'deploys' },
    });
    const memoryId = knowledge.knowledge.id as string;

    const checkpoint = await ok('alma_checkpoint', { run_id: 'run-1', node_id: 'plan', state: { step: 1 } });
    expect(checkpoint).toEqual({
      success: true,
      checkpoint: {
        id: UUID,
        run_id: 'run-1',
        node_id: 'plan',
        sequence_number: 1,
        branch_id: null,
        state_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        created_at: ISO,
      },
    });
    expect(await ok('alma_checkpoint', { run_id: 'run-1', node_id: 'plan', state: { step: 1 } })).toEqual({
      success: true,
      skipped: true,
      message: 'Checkpoint skipped - state unchanged',
    });
    await ok('alma_checkpoint', { run_id: 'run-1', node_id: 'build', state: { step: 2 }, branch_id: 'b1' });

    const resumed = await ok('alma_resume', { run_id: 'run-1' });
    expect(resumed).toEqual({
      success: true,
      checkpoint: {
        id: UUID,
        run_id: 'run-1',
        node_id: 'build',
        state: { step: 2 },
        sequence_number: 2,
        branch_id: 'b1',
        parent_checkpoint_id: null,
        created_at: ISO,
      },
    });
    expect(await ok('alma_resume', { run_id: 'nothing' })).toEqual({
      success: true,
      checkpoint: null,
      message: 'No checkpoint found for this run',
    });

    expect(
      await ok('alma_merge_states', {
        states: [
          { log: ['a'], n: 1, seen: ['x'], cfg: { a: 1 }, who: 'first' },
          { log: ['b'], n: 2, seen: ['x', 'y'], cfg: { b: 2 }, who: 'second' },
        ],
        reducer_config: { log: 'append', n: 'sum', seen: 'union', cfg: 'merge_dict', who: 'first_value' },
      }),
    ).toEqual({
      success: true,
      merged_state: { log: ['a', 'b'], n: 3, seen: ['x', 'y'], cfg: { a: 1, b: 2 }, who: 'first' },
      input_count: 2,
    });
    expect(await ok('alma_merge_states', { states: [] })).toEqual({ success: true, merged_state: {} });

    expect(
      await ok('alma_workflow_learn', {
        agent: 'coder',
        workflow_id: 'release',
        run_id: 'run-1',
        result: 'success',
        summary: 'released after the canary',
        strategies_used: ['canary first'],
        duration_seconds: 3.5,
        node_count: 2,
        tenant_id: 'acme',
      }),
    ).toEqual({
      success: true,
      outcome: {
        id: UUID,
        workflow_id: 'release',
        run_id: 'run-1',
        result: 'success',
        agent: 'coder',
        created_at: ISO,
      },
      message: 'Workflow outcome recorded successfully',
    });

    const linked = await ok('alma_link_artifact', {
      memory_id: memoryId,
      artifact_type: 'screenshot',
      storage_url: 's3://artifacts/run-1.png',
      filename: 'run-1.png',
      mime_type: 'image/png',
      size_bytes: 1024,
      checksum: 'a'.repeat(64),
    });
    expect(linked).toEqual({
      success: true,
      artifact: {
        id: UUID,
        memory_id: memoryId,
        artifact_type: 'screenshot',
        storage_url: 's3://artifacts/run-1.png',
        filename: 'run-1.png',
        created_at: ISO,
      },
    });
    expect(await ok('alma_get_artifacts', { memory_id: memoryId })).toEqual({
      success: true,
      artifacts: [
        {
          id: linked.artifact.id,
          artifact_type: 'screenshot',
          storage_url: 's3://artifacts/run-1.png',
          filename: 'run-1.png',
          mime_type: 'image/png',
          size_bytes: 1024,
          created_at: ISO,
        },
      ],
      count: 1,
    });

    expect(await ok('alma_cleanup_checkpoints', { run_id: 'run-1' })).toEqual({
      success: true,
      deleted_count: 1,
      kept: 1,
      message: 'Deleted 1 checkpoints, kept 1',
    });

    const scoped = await ok('alma_retrieve_scoped', {
      task: 'how do we release',
      agent: 'coder',
      scope: 'workflow',
      workflow_id: 'release',
      tenant_id: 'acme',
    });
    expect(scoped).toMatchObject({
      success: true,
      memories: expect.any(Object),
      prompt_injection: expect.any(String),
      scope: 'workflow',
      scope_filter: { tenant_id: 'acme', workflow_id: 'release' },
    });
    // Local operator: global is allowed (so it is for admin keys, not for others: admin-key.test.ts).
    expect(
      await ok('alma_retrieve_scoped', { task: 'anything', agent: 'coder', scope: 'global' }),
    ).toMatchObject({
      scope: 'global',
      scope_filter: {},
    });

    await ok('alma_add_knowledge', { agent: 'coder', domain: 'deploys', fact: 'canary first, always' });
    const consolidated = await ok('alma_consolidate', {
      agent: 'coder',
      memory_type: 'domain_knowledge',
      similarity_threshold: 0.5,
    });
    expect(consolidated).toEqual({
      success: true,
      dry_run: true,
      merged_count: expect.any(Number),
      groups_found: expect.any(Number),
      memories_processed: 2,
      merge_details: expect.any(Array),
      errors: [],
      message: expect.stringMatching(
        /^Would merge \d+ memories from \d+ similar groups \(processed 2 total\)$/,
      ),
    });
  });

  it('refuses what the original refused, as tool errors', async () => {
    expect(
      (
        await tool('alma_workflow_learn', {
          agent: 'a',
          workflow_id: 'w',
          run_id: 'r',
          result: 'meh',
          summary: 's',
        })
      ).isError,
    ).toBe(true);
    expect((await tool('alma_retrieve_scoped', { task: 't', agent: 'a', scope: 'galaxy' })).isError).toBe(
      true,
    );
    expect((await tool('alma_retrieve_scoped', { task: 't', agent: 'a', scope: 'run' })).isError).toBe(true);
    expect(
      (await tool('alma_merge_states', { states: [{ n: 'x' }], reducer_config: { n: 'sum' } })).isError,
    ).toBe(true);
    expect((await tool('alma_consolidate', { agent: 'a', memory_type: 'outcomes' })).isError).toBe(true);
    expect(
      (
        await tool('alma_link_artifact', {
          memory_id: '01900000-0000-7000-8000-00000000dead',
          artifact_type: 'log',
          storage_url: 'x',
        })
      ).isError,
    ).toBe(true);
  });
});

describe('scope global over an API key that is not admin', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer();
  });
  afterAll(async () => test.close());

  it('is refused: a plain key grants projects, not every agent’s memories', async () => {
    const answer = await call<RpcReply>(test.url, 'POST', '/', {
      key: test.keys.alpha,
      body: {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'alma_retrieve_scoped', arguments: { task: 't', agent: 'coder', scope: 'global' } },
      },
    });
    expect(answer.json.result?.isError).toBe(true);
    expect(answer.json.result?.content?.[0]?.text).toContain("scope 'global'");
  });
});
