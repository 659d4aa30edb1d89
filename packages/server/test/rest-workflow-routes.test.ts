import { HashingEmbedder } from '@alma/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorJson, type RecordJson } from './support/http-call.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface Saved {
  readonly skipped: boolean;
  readonly checkpoint: RecordJson;
}
interface Items {
  readonly items: RecordJson[];
}
interface Learnt {
  readonly workflowOutcome: RecordJson;
  readonly learnt: { outcome: RecordJson; heuristic: { action: string; record: RecordJson } | null } | null;
}
interface Report {
  readonly dryRun: boolean;
  readonly kind: string;
  readonly memoriesProcessed: number;
  readonly mergedCount: number;
  readonly groups: { keptId: string; mergedIds: string[]; similarity: number }[];
}
interface Retrieved {
  readonly memories: Record<string, { record: RecordJson }[]>;
}

const NO_MEMORY = '01900000-0000-7000-8000-00000000dead';

/** The workflow routes over real HTTP: each answer, and what the store holds afterwards. */
describe('REST workflow routes', () => {
  let test: TestServer;
  const api = <T = ErrorJson>(method: string, path: string, body?: unknown) =>
    call<T>(test.url, method, `/v1/projects/alpha${path}`, { key: test.keys.alpha, body });
  const listed = async (path: string) => (await api<Items>('GET', path)).json.items;

  beforeAll(async () => {
    test = await startTestServer({}, { embedder: new HashingEmbedder(64) });
  });
  afterAll(async () => test?.close());

  it('saves checkpoints numbered per run, skips unchanged state, resumes, lists and cleans up', async () => {
    const first = await api<Saved>('POST', '/checkpoints', {
      runId: 'run-a',
      nodeId: 'plan',
      state: { step: 1 },
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      skipped: false,
      checkpoint: { runId: 'run-a', nodeId: 'plan', sequenceNumber: 1, branchId: null, state: { step: 1 } },
    });
    expect(first.json.checkpoint).not.toHaveProperty('embedding');

    const same = await api<Saved>('POST', '/checkpoints', {
      runId: 'run-a',
      nodeId: 'plan',
      state: { step: 1 },
    });
    expect(same.json).toMatchObject({ skipped: true, checkpoint: { id: first.json.checkpoint.id } });

    const forced = await api<Saved>('POST', '/checkpoints', {
      runId: 'run-a',
      nodeId: 'plan',
      state: { step: 1 },
      skipIfUnchanged: false,
    });
    expect(forced.json).toMatchObject({
      skipped: false,
      checkpoint: { sequenceNumber: 2, parentCheckpointId: first.json.checkpoint.id },
    });
    const branch = await api<Saved>('POST', '/checkpoints', {
      runId: 'run-a',
      nodeId: 'test',
      branchId: 'b',
      state: { step: 2 },
      metadata: { worker: 7 },
    });
    // Numbered across branches; a branch's first checkpoint has no parent of its own branch.
    expect(branch.json.checkpoint).toMatchObject({
      sequenceNumber: 3,
      branchId: 'b',
      parentCheckpointId: null,
      metadata: { worker: 7 },
    });

    const resume = async (query = '') =>
      (
        await api<{ runId: string; checkpoint: RecordJson | null }>(
          'GET',
          `/workflow-runs/run-a/resume${query}`,
        )
      ).json;
    expect(await resume()).toEqual({ runId: 'run-a', checkpoint: branch.json.checkpoint });
    expect((await resume('?branchId=b')).checkpoint?.id).toBe(branch.json.checkpoint.id);
    expect((await resume('?branchId=c')).checkpoint).toBeNull();
    expect((await api('GET', '/workflow-runs/no-such-run/resume')).json).toEqual({
      runId: 'no-such-run',
      checkpoint: null,
    });

    const run = await api<{ runId: string } & Items>('GET', '/workflow-runs/run-a/checkpoints');
    expect(run.json.items.map((checkpoint) => checkpoint.sequenceNumber)).toEqual([1, 2, 3]);
    type RunPage = Items & { nextCursor: string | null };
    const firstTwo = await api<RunPage>('GET', '/workflow-runs/run-a/checkpoints?limit=2');
    expect(firstTwo.json.items.map((checkpoint) => checkpoint.sequenceNumber)).toEqual([1, 2]);
    const last = await api<RunPage>(
      'GET',
      `/workflow-runs/run-a/checkpoints?limit=2&cursor=${encodeURIComponent(firstTwo.json.nextCursor!)}`,
    );
    expect(last.json).toMatchObject({ nextCursor: null });
    expect(last.json.items.map((checkpoint) => checkpoint.sequenceNumber)).toEqual([3]);

    // A parent from another run is refused, and nothing is written.
    const other = await api<Saved>('POST', '/checkpoints', { runId: 'run-z', nodeId: 'n', state: {} });
    const foreignParent = await api('POST', '/checkpoints', {
      runId: 'run-a',
      nodeId: 'plan',
      state: { step: 9 },
      parentCheckpointId: other.json.checkpoint.id,
    });
    expect(foreignParent.status).toBe(404);
    expect(foreignParent.json.error.code).toBe('NOT_FOUND');

    const cleaned = await api('DELETE', '/workflow-runs/run-a/checkpoints?keepLatest=1');
    expect(cleaned.status).toBe(200);
    expect(cleaned.json).toEqual({ runId: 'run-a', deleted: 2, keepLatest: 1 });
    const left = (await listed('/checkpoints?limit=100')).filter(
      (checkpoint) => checkpoint.runId === 'run-a',
    );
    expect(left.map((checkpoint) => checkpoint.id)).toEqual([branch.json.checkpoint.id]);
    // The default keeps one.
    expect((await api('DELETE', '/workflow-runs/run-z/checkpoints')).json).toEqual({
      runId: 'run-z',
      deleted: 0,
      keepLatest: 1,
    });
  });

  it('refuses malformed checkpoint requests with 400, naming the field', async () => {
    const before = (await listed('/checkpoints?limit=1000')).length;
    for (const body of [
      { runId: 'run-b', nodeId: 'n', state: 'not an object' },
      { runId: '', nodeId: 'n', state: {} },
      { runId: 'run-b', state: {} },
      { runId: 'run-b', nodeId: 'n', state: {}, sequenceNumber: 5 },
    ]) {
      const answer = await api('POST', '/checkpoints', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.code).toBe('VALIDATION');
    }
    expect((await api('DELETE', '/workflow-runs/run-b/checkpoints?keepLatest=-1')).status).toBe(400);
    expect((await api('GET', '/workflow-runs/run-b/resume?branchId=')).status).toBe(400);
    expect((await listed('/checkpoints?limit=1000')).length).toBe(before);
  });

  it('merges branch states with a reducer per key, and refuses values a reducer cannot combine', async () => {
    const merged = await api('POST', '/merge-states', {
      states: [
        { count: 1, tags: ['a', 'b'], note: 'first', meta: { x: 1 } },
        { count: 2, tags: ['b', 'c'], note: 'second', meta: { y: 2 } },
      ],
      reducerConfig: { count: 'sum', tags: 'union', meta: 'merge_dict' },
    });
    expect(merged.status).toBe(200);
    expect(merged.json).toEqual({
      state: { count: 3, tags: ['a', 'b', 'c'], note: 'second', meta: { x: 1, y: 2 } },
    });
    expect((await api('POST', '/merge-states', { states: [] })).json).toEqual({ state: {} });

    const text = await api('POST', '/merge-states', { states: [{ n: 'x' }], reducerConfig: { n: 'sum' } });
    expect(text.status).toBe(400);
    expect(text.json.error.code).toBe('VALIDATION');
    expect(text.json.error.message).toContain("'n'");
    expect((await api('POST', '/merge-states', { states: [{}], reducerConfig: { n: 'avg' } })).status).toBe(
      400,
    );
  });

  it('learns from workflow runs: one outcome per run, agreeing runs become a heuristic of the workflow', async () => {
    const run = (runId: string, extra: Record<string, unknown> = {}) =>
      api<Learnt>('POST', '/workflow-outcomes', {
        agent: 'releaser',
        workflowId: 'release',
        runId,
        result: 'success',
        summary: 'tagged, built and published the release',
        strategiesUsed: ['tag first', 'publish after the build'],
        tenantId: 'acme',
        durationSeconds: 12.5,
        nodeCount: 4,
        ...extra,
      });
    const answers = [];
    for (const runId of ['r1', 'r2', 'r3']) answers.push(await run(runId));
    for (const answer of answers) expect(answer.status).toBe(201);
    expect(answers[0]!.json.workflowOutcome).toMatchObject({
      agent: 'releaser',
      workflowId: 'release',
      runId: 'r1',
      result: 'success',
      tenantId: 'acme',
      strategiesUsed: ['tag first', 'publish after the build'],
      durationSeconds: 12.5,
      nodeCount: 4,
    });
    expect(answers[0]!.json.workflowOutcome).not.toHaveProperty('embedding');
    expect(answers[0]!.json.learnt).toMatchObject({
      outcome: { taskType: 'release', metadata: { workflowRunId: 'r1' } },
      heuristic: null,
    });
    const heuristic = answers[2]!.json.learnt?.heuristic;
    expect(heuristic).toMatchObject({
      action: 'created',
      record: { agent: 'releaser', workflowId: 'release', tenantId: 'acme' },
    });

    // The store afterwards: three runs, three outcomes learnt from them, the heuristic.
    expect(await listed('/workflow-outcomes?agent=releaser')).toHaveLength(3);
    expect(await listed('/outcomes?agent=releaser')).toHaveLength(3);
    expect((await api('GET', `/heuristics/${heuristic!.record.id}`)).status).toBe(200);

    const again = await run('r1');
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await listed('/workflow-outcomes?agent=releaser')).toHaveLength(3);

    const quiet = await run('r4', { strategiesUsed: [], result: 'failure', errorMessage: 'build broke' });
    expect(quiet.status).toBe(201);
    expect(quiet.json.learnt).toBeNull();
    expect(await listed('/outcomes?agent=releaser')).toHaveLength(3);

    expect((await run('r5', { result: 'meh' })).status).toBe(400);
  });

  it('retrieves within a workflow scope on POST /retrieve, and checks what each level needs', async () => {
    const retrieve = (scope: unknown) =>
      api<Retrieved>('POST', '/retrieve', { task: 'publish the release', agent: 'releaser', scope });
    const inWorkflow = await retrieve({ level: 'workflow', workflowId: 'release', tenantId: 'acme' });
    expect(inWorkflow.status).toBe(200);
    expect(inWorkflow.json.memories.heuristics).toHaveLength(1);
    expect(inWorkflow.json.memories.outcomes?.length).toBeGreaterThan(0);
    expect((await retrieve({ level: 'workflow', workflowId: 'deploy' })).json.memories.heuristics).toEqual(
      [],
    );
    expect((await retrieve({ level: 'tenant', tenantId: 'globex' })).json.memories.outcomes).toEqual([]);
    expect((await retrieve({ level: 'run', runId: 'r2' })).json.memories.outcomes).toHaveLength(1);
    expect((await retrieve({ level: 'agent' })).json.memories.heuristics).toHaveLength(1);

    for (const scope of [{ level: 'node', runId: 'r1' }, { level: 'galaxy' }, { level: 'run', run: 'r1' }]) {
      const refused = await retrieve(scope);
      expect(refused.status, JSON.stringify(scope)).toBe(400);
      expect(refused.json).toMatchObject({ error: { code: 'VALIDATION' } });
    }
  });

  it('links artifacts to existing memories only, and lists a memory’s artifacts', async () => {
    const fact = await api<RecordJson>('POST', '/domain-knowledge', {
      agent: 'coder',
      domain: 'release',
      fact: 'the changelog is generated',
    });
    const before = (await listed('/artifact-links')).length;
    const missing = await api('POST', '/artifact-links', {
      memoryId: NO_MEMORY,
      artifactType: 'log',
      storageUrl: 's3://logs/1',
    });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
    expect((await listed('/artifact-links')).length).toBe(before);

    const linked = await api<RecordJson>('POST', '/artifact-links', {
      // Any case in, the store's lower case kept: the link is found by the memory's own id.
      memoryId: fact.json.id.toUpperCase(),
      artifactType: 'screenshot',
      storageUrl: 's3://shots/1.png',
      filename: '1.png',
      mimeType: 'image/png',
      sizeBytes: 2048,
      checksum: 'a'.repeat(64),
    });
    expect(linked.status).toBe(201);
    expect(linked.json).toMatchObject({
      memoryId: fact.json.id,
      artifactType: 'screenshot',
      storageUrl: 's3://shots/1.png',
      sizeBytes: 2048,
    });
    await api('POST', '/artifact-links', {
      memoryId: fact.json.id,
      artifactType: 'log',
      storageUrl: 'file:///x',
    });

    const artifacts = await api<{ memoryId: string } & Items>('GET', `/memories/${fact.json.id}/artifacts`);
    expect(artifacts.json.memoryId).toBe(fact.json.id);
    expect(artifacts.json.items.map((link) => link.artifactType)).toEqual(['screenshot', 'log']);
    expect((await api('GET', `/artifact-links/${linked.json.id}`)).json).toEqual(linked.json);
    expect((await api<Items>('GET', `/memories/${NO_MEMORY}/artifacts`)).json.items).toEqual([]);
    expect((await api('GET', '/memories/not-a-uuid/artifacts')).status).toBe(400);
  });

  it('consolidates (a dry run by default), archives what it merged, and restores it', async () => {
    const fact = { agent: 'ops', domain: 'deploys', fact: 'canary first, then the rest of the fleet' };
    const a = await api<RecordJson>('POST', '/domain-knowledge', fact);
    const b = await api<RecordJson>('POST', '/domain-knowledge', fact);
    const knowledge = async () =>
      (await listed('/domain-knowledge?agent=ops')).map((record) => record.id).sort();
    const body = { agent: 'ops', kind: 'domain-knowledge', similarityThreshold: 0.9 };

    const dry = await api<Report>('POST', '/consolidate', body);
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({
      dryRun: true,
      kind: 'domain-knowledge',
      memoriesProcessed: 2,
      mergedCount: 1,
    });
    expect(dry.json.groups).toHaveLength(1);
    expect(await knowledge()).toEqual([a.json.id, b.json.id].sort());
    expect(await listed('/archive?agent=ops')).toEqual([]);

    const wet = await api<Report>('POST', '/consolidate', { ...body, dryRun: false });
    expect(wet.json).toMatchObject({ dryRun: false, mergedCount: 1 });
    const [{ keptId, mergedIds }] = wet.json.groups as [Report['groups'][number]];
    expect(await knowledge()).toEqual([keptId]);
    const [archived] = await listed('/archive?agent=ops');
    expect(archived).toMatchObject({
      originalKind: 'domainKnowledge',
      originalId: mergedIds[0],
      mergedInto: keptId,
    });

    const restored = await api<{ kind: string; record: RecordJson }>(
      'POST',
      `/archive/${archived!.id}/restore`,
    );
    expect(restored.status).toBe(200);
    expect(restored.json.kind).toBe('domain-knowledge');
    expect(restored.json.record).toMatchObject({ id: mergedIds[0], fact: fact.fact, agent: 'ops' });
    expect(await knowledge()).toEqual([a.json.id, b.json.id].sort());
    expect(await listed('/archive?agent=ops')).toEqual([]);
    expect((await api('GET', `/domain-knowledge/${keptId}`)).json).toMatchObject({
      metadata: { mergedFrom: [] },
    });

    const twice = await api('POST', `/archive/${archived!.id}/restore`);
    expect(twice.status).toBe(404);
    expect(twice.json.error.code).toBe('NOT_FOUND');
    expect((await api('POST', '/consolidate', { agent: 'ops', kind: 'outcomes' })).status).toBe(400);
    expect((await api('POST', '/consolidate', { agent: 'ops', similarityThreshold: 2 })).status).toBe(400);
  });
});
