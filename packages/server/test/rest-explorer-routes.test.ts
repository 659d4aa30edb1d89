import { HashingEmbedder } from '@alma/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorJson, type RecordJson } from './support/http-call.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface Learnt {
  readonly outcome: RecordJson;
  readonly heuristic: { action: string; record: RecordJson } | null;
}

/** The routes a dashboard reads beside the records (the explorer at /ui): over real HTTP. */
describe('REST routes for the explorer', () => {
  let test: TestServer;
  const api = <T = ErrorJson>(method: string, path: string, body?: unknown) =>
    call<T>(test.url, method, `/v1/projects/alpha${path}`, { key: test.keys.alpha, body });

  beforeAll(async () => {
    test = await startTestServer({}, { embedder: new HashingEmbedder(64) });
  });
  afterAll(async () => test?.close());

  const learn = (success: boolean, strategy = 'tag then push') =>
    api<Learnt>('POST', '/learn', {
      agent: 'coder',
      taskType: 'release',
      taskDescription: 'ship the release',
      success,
      strategyUsed: strategy,
    });

  it('lists the projects the key grants', async () => {
    const both = await call<{ projects: string[] }>(test.url, 'GET', '/v1/projects', { key: test.keys.both });
    expect(both.json).toEqual({ projects: ['alpha', 'beta'] });
    expect((await call(test.url, 'GET', '/v1/projects', { key: null })).status).toBe(401);
  });

  it('traces a heuristic to the outcomes it was learnt from and counted, and charts the activity', async () => {
    for (let i = 0; i < 3; i++) expect((await learn(true)).status).toBe(201);
    const fourth = await learn(false);
    const heuristic = fourth.json.heuristic!;
    expect(heuristic.action).toBe('weakened');
    const lineage = await api<{ lesson: RecordJson; outcomes: RecordJson[] }>(
      'GET',
      `/heuristics/${heuristic.record.id}/lineage`,
    );
    expect(lineage.status).toBe(200);
    expect(lineage.json.lesson.id).toBe(heuristic.record.id);
    expect(lineage.json.outcomes).toHaveLength(4);
    expect(lineage.json.outcomes[0]).toMatchObject({
      success: false,
      metadata: { heuristicId: heuristic.record.id },
    });
    expect((await api('GET', '/heuristics/01900000-0000-7000-8000-00000000dead/lineage')).status).toBe(404);
    const first = await api<{ outcomes: RecordJson[]; nextCursor: string | null }>(
      'GET',
      `/heuristics/${heuristic.record.id}/lineage?limit=1`,
    );
    expect(first.json.outcomes.map((o) => o.id)).toEqual([lineage.json.outcomes[0]!.id]);
    const rest = await api<{ outcomes: RecordJson[]; nextCursor: string | null }>(
      'GET',
      `/heuristics/${heuristic.record.id}/lineage?cursor=${encodeURIComponent(first.json.nextCursor!)}`,
    );
    expect(rest.json.nextCursor).toBeNull();
    expect(rest.json.outcomes.map((o) => o.id)).toEqual(lineage.json.outcomes.slice(1).map((o) => o.id));
    expect((await api('GET', `/heuristics/${heuristic.record.id}/lineage?limit=0`)).status).toBe(400);

    const activity = await api<{
      from: string;
      to: string;
      outcomes: { date: string; agent: string; successes: number; failures: number }[];
      lessons: { agent: string; heuristics: number; antiPatterns: number }[];
    }>('GET', '/activity?days=7');
    const today = new Date().toISOString().slice(0, 10);
    expect(activity.json.to).toBe(today);
    expect(activity.json.outcomes).toEqual([{ date: today, agent: 'coder', successes: 3, failures: 1 }]);
    expect(activity.json.lessons).toEqual([{ date: today, agent: 'coder', heuristics: 1, antiPatterns: 0 }]);
    expect((await api('GET', '/activity?days=0')).status).toBe(400);
  });

  it('sorts a kind’s list by any field the store orders by, and refuses others', async () => {
    await learn(true, 'write the changelog first');
    const page = await api<{ items: RecordJson[] }>('GET', '/outcomes?sort=timestamp&order=asc&limit=2');
    expect(page.status).toBe(200);
    const times = page.json.items.map((item) => item.timestamp as string);
    expect([...times].sort()).toEqual(times);
    expect((await api('GET', '/heuristics?sort=confidence')).status).toBe(200);
    const byRate = await api<{ items: RecordJson[] }>('GET', '/heuristics?sort=successRate&order=desc');
    expect(byRate.status).toBe(200);
    const rates = byRate.json.items.map(
      (item) => (item.successCount as number) / Math.max(1, item.occurrenceCount as number),
    );
    expect(rates.length).toBeGreaterThan(0);
    expect([...rates].sort((a, b) => b - a)).toEqual(rates);
    expect((await api('GET', '/anti-patterns?sort=successRate')).status).toBe(400);
    expect((await api('GET', '/heuristics?sort=condition')).status).toBe(400);
  });

  it('finds records by the words they hold, most relevant first, within the agent asked for', async () => {
    type Hits = { hits: { record: RecordJson; score: number }[] };
    const found = await api<Hits>('GET', '/heuristics/search?q=PUSH%20tag');
    expect(found.status).toBe(200);
    expect(found.json.hits).toHaveLength(1);
    expect(found.json.hits[0]!.record).toMatchObject({ agent: 'coder', strategy: 'tag then push' });
    const outcomes = await api<Hits>('GET', '/outcomes/search?q=changelog&limit=5');
    expect(outcomes.json.hits.map((hit) => hit.record.strategyUsed)).toEqual(['write the changelog first']);
    expect((await api<Hits>('GET', '/heuristics/search?q=push&agent=reviewer')).json.hits).toEqual([]);
    expect((await api<Hits>('GET', '/heuristics/search?q=nowhere%20push')).json.hits).toEqual([]);
    const refused = await api('GET', '/heuristics/search?q=');
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('VALIDATION');
    expect((await api('GET', '/heuristics/search?q=%21%21%21')).status).toBe(400);
    expect((await api('GET', '/heuristics/search?q=push&limit=1001')).status).toBe(400);
  });

  it('previews a forget policy without deleting, then applies it', async () => {
    const before = (await api<{ total: number }>('GET', '/stats')).json.total;
    const preview = await api<{ dryRun: boolean; heuristics: number }>('POST', '/forget', {
      heuristicsBelowConfidence: 0.9,
      dryRun: true,
    });
    expect(preview.json).toMatchObject({ dryRun: true, heuristics: 1, total: 1 });
    expect((await api<{ total: number }>('GET', '/stats')).json.total).toBe(before);
    const applied = await api('POST', '/forget', { heuristicsBelowConfidence: 0.9 });
    expect(applied.json).toMatchObject({ dryRun: false, heuristics: 1 });
    expect((await api<{ total: number }>('GET', '/stats')).json.total).toBe(before - 1);
  });

  it('lists workflow runs, latest first, and tells the store’s health', async () => {
    for (const [runId, branchId] of [
      ['run-1', undefined],
      ['run-1', 'b'],
      ['run-2', undefined],
    ] as const) {
      const saved = await api('POST', '/checkpoints', {
        runId,
        nodeId: 'n',
        state: { runId, branchId },
        branchId,
      });
      expect(saved.status).toBe(201);
    }
    const runs = await api<{ items: { runId: string; checkpoints: number; branches: string[] }[] }>(
      'GET',
      '/workflow-runs',
    );
    expect(
      runs.json.items.map(({ runId, checkpoints, branches }) => ({ runId, checkpoints, branches })),
    ).toEqual([
      { runId: 'run-2', checkpoints: 1, branches: [] },
      { runId: 'run-1', checkpoints: 2, branches: ['b'] },
    ]);
    const health = await api<{
      schema: { backend: string; applied: string[]; pending: string[] };
      vectorIndex: { kind: string }[] | null;
    }>('GET', '/health');
    expect(health.json.schema).toMatchObject({ backend: 'sqlite', pending: [] });
    expect(health.json.schema.applied).toContain('20261130120000_workflow_layer');
    expect(health.json.vectorIndex?.map((entry) => entry.kind)).toContain('heuristic');
  });
});

describe('the projects of a keyless local server', () => {
  it('are every project the store holds, in code-unit order, then the default when it holds nothing', async () => {
    const local = await startTestServer({ insecureLocal: true }, { embedder: new HashingEmbedder(64) });
    try {
      const projects = async (key: string | null = null) =>
        (await call<{ projects: string[] }>(local.url, 'GET', '/v1/projects', { key })).json.projects;
      expect(await projects()).toEqual(['default']);
      const fact = { agent: 'deployer', domain: 'deploy', fact: 'two healthy instances', source: 'runbook' };
      const post = async (path: string, body: unknown) =>
        expect((await call(local.url, 'POST', path, { key: null, body })).status).toBe(201);
      await post('/v1/projects/quickstart/domain-knowledge', fact);
      await post('/v1/projects/Zeta.team/learn', {
        agent: 'deployer',
        taskType: 'deploy',
        taskDescription: 'deploy the billing service',
        success: true,
        strategyUsed: 'blue-green switch',
      });
      // Both projects once each, by code units (upper case first), and the empty default after them,
      // so that the explorer, which opens the first listed, opens a project that holds memories.
      expect(await projects()).toEqual(['Zeta.team', 'quickstart', 'default']);
      await post('/v1/projects/default/domain-knowledge', fact);
      await post('/v1/projects/quickstart/domain-knowledge', fact);
      expect(await projects()).toEqual(['Zeta.team', 'default', 'quickstart']);
      // A key on the same server still lists only what it grants.
      expect(await projects(local.keys.beta)).toEqual(['beta']);
    } finally {
      await local.close();
    }
  });
});
