import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@alma/connect';
import { isMemoryKind, KINDS } from '@alma/core';
import { sampleInput } from '@alma/core/testing';
import { HashingEmbedder } from '@alma/engine';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import createClient from 'openapi-fetch';
import type { OpenAPIV3_1 } from 'openapi-types';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';

const TASK = 'ship the release';
/** The run the workflow routes use: not the seeded checkpoints' run, which the record routes need. */
const RUN = 'run-openapi';

/** Ids the workflow routes need that no collection's first item gives: set up before the calls. */
interface Known {
  /** A memory (with an artifact linked) for linkArtifact and listMemoryArtifacts. */
  readonly memoryId: string;
  /** An archive entry consolidation wrote, so that restoreArchived has a whole record to restore. */
  readonly archiveId: string;
  /** Lessons for the lineage routes. */
  readonly heuristicId: string;
  readonly antiPatternId: string;
}

/** A valid body for each operation that takes one, by operationId; PATCH routes share one. */
const bodiesOf = (known: Known): Readonly<Record<string, unknown>> => ({
  retrieve: {
    task: TASK,
    agent: 'coder',
    userId: 'user-1',
    topK: 5,
    mode: 'precise',
    scope: { level: 'agent' },
  },
  learn: {
    agent: 'coder',
    taskType: 'release',
    taskDescription: TASK,
    success: true,
    strategyUsed: 'tag then push',
  },
  addPreference: { userId: 'ada', category: 'tone', preference: 'short answers' },
  addKnowledge: { agent: 'coder', domain: 'release', fact: 'releases go out on Tuesdays' },
  forget: { outcomesOlderThanDays: 365 },
  saveCheckpoint: { runId: RUN, nodeId: 'build', branchId: 'b', state: { step: 2 }, metadata: { by: 'ci' } },
  mergeStates: {
    states: [
      { n: 1, tags: ['a'] },
      { n: 2, tags: ['b'] },
    ],
    reducerConfig: { n: 'sum', tags: 'union' },
  },
  // Another task type than learn's, so that learn's third outcome still creates its heuristic.
  learnFromWorkflow: {
    agent: 'coder',
    workflowId: 'publish',
    runId: RUN,
    result: 'success',
    summary: 'published',
    strategiesUsed: ['build then upload'],
  },
  linkArtifact: { memoryId: known.memoryId, artifactType: 'log', storageUrl: 's3://logs/openapi' },
  consolidate: { agent: 'coder', kind: 'heuristics' },
});
/** Path parameters other than projectId and a collection's `{id}`, by operationId. */
const pathParamsOf = (known: Known): Readonly<Record<string, Record<string, string>>> => ({
  listMemoryArtifacts: { id: known.memoryId },
  restoreArchived: { id: known.archiveId },
  heuristicLineage: { id: known.heuristicId },
  antiPatternLineage: { id: known.antiPatternId },
});
const PATCH_BODY = { metadata: { reviewed: true } };
const METHODS = ['get', 'post', 'patch', 'delete'] as const;
/** Deletes last, so that every other route still finds its record. */
const ORDER: Readonly<Record<(typeof METHODS)[number], number>> = { get: 0, post: 0, patch: 1, delete: 2 };

interface Operation {
  readonly path: string;
  readonly method: (typeof METHODS)[number];
  readonly operationId: string;
  readonly status: number;
  /** `#/components/schemas/…` */
  readonly schemaRef: string;
  readonly queryNames: readonly string[];
}

/** Query values the test sends wherever the document declares the parameter. */
const QUERY: Readonly<Record<string, unknown>> = { limit: 5, order: 'asc' };
/** A word of the seeded records' text, for each search route (`q`), by operationId. */
const SEARCH_WORDS: Readonly<Record<string, string>> = {
  search_heuristics: 'suite',
  search_outcomes: 'rename',
  search_preferences: 'tabs',
  search_domainKnowledge: 'turbo',
  search_antiPatterns: 'sleep',
  search_workflowOutcomes: 'retry',
  search_artifactLinks: 'trace',
};

/**
 * openapi-fetch as this test drives it: any route of the live document by method and path template.
 * The typed client an application would write is type-checked separately, against generated types.
 */
interface DocumentClient {
  request(
    method: string,
    path: string,
    init: {
      readonly params: { readonly path: Record<string, string>; readonly query?: Record<string, unknown> };
      readonly body?: unknown;
    },
  ): Promise<{ readonly data?: unknown; readonly error?: unknown; readonly response: Response }>;
}

describe('a client generated from /openapi.json', () => {
  let directory: string;
  let test: TestServer;
  let document: OpenAPIV3_1.Document;
  let operations: Operation[];
  let known: Known;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'alma-openapi-client-'));
    // Records of every kind, written through the store: the API creates only some kinds itself.
    const embedder = new HashingEmbedder(32);
    const store = `sqlite:${join(directory, 'alma.db')}`;
    const opened = await openStore(store, { dimension: embedder.dimension, embedder: embedder.id });
    try {
      const [vector] = await embedder.embed([TASK]);
      // Two of each: the route test deletes one, and the others find the second whatever the order.
      for (const kind of KINDS) {
        const input = () =>
          sampleInput(kind, {
            projectId: 'alpha',
            ...(isMemoryKind(kind) ? { embedding: vector } : {}),
            // The sample link has no file name, its only searchable text.
            ...(kind === 'artifactLink' ? { filename: 'trace.zip' } : {}),
          });
        await opened.store.kind(kind).putMany([input(), input()]);
      }
    } finally {
      await opened.close();
    }
    test = await startTestServer({ storeUrl: () => store }, { embedder });
    known = await prepareWorkflow(test);
    document = (await (await fetch(`${test.url}/openapi.json`)).json()) as OpenAPIV3_1.Document;
    operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      METHODS.flatMap((method) => {
        const operation = item?.[method];
        if (!operation) return [];
        const [status, response] = Object.entries(operation.responses ?? {}).find(([code]) =>
          code.startsWith('2'),
        )!;
        const schema = (response as OpenAPIV3_1.ResponseObject).content?.['application/json']?.schema;
        return [
          {
            path,
            method,
            operationId: operation.operationId!,
            status: Number(status),
            schemaRef: (schema as OpenAPIV3_1.ReferenceObject).$ref,
            queryNames: (operation.parameters ?? [])
              .map((parameter) => parameter as OpenAPIV3_1.ParameterObject)
              .filter((parameter) => parameter.in === 'query')
              .map((parameter) => parameter.name),
          },
        ];
      }),
    );
  });
  afterAll(async () => {
    await test?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('generates TypeScript types that compile, and that a typed openapi-fetch client uses', async () => {
    const types = astToString(await openapiTS(JSON.stringify(document)));
    await writeFile(join(directory, 'alma-api.ts'), types);
    await writeFile(join(directory, 'alma-client.ts'), clientProgram(operations));
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
    };
    // The temporary directory has no node_modules: openapi-fetch resolves from here, as an app's would.
    const fetchTypes = ts.resolveModuleName('openapi-fetch', fileURLToPath(import.meta.url), options, ts.sys)
      .resolvedModule?.resolvedFileName;
    expect(fetchTypes).toBeDefined();
    const program = ts.createProgram([join(directory, 'alma-client.ts')], {
      ...options,
      paths: { 'openapi-fetch': [fetchTypes!] },
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it('calls every route through openapi-fetch, each answer valid against its response schema', async () => {
    const validatorOf = componentValidators(document);

    const client = createClient({
      baseUrl: test.url,
      headers: { authorization: `Bearer ${test.keys.alpha}` },
    }) as unknown as DocumentClient;
    const firstIds = new Map<string, string>();
    const called: string[] = [];
    const bodies = bodiesOf(known);
    const pathParams = pathParamsOf(known);
    for (const operation of [...operations].sort((a, b) => ORDER[a.method] - ORDER[b.method])) {
      const collection = operation.path.replace(/\/\{id\}$/, '');
      const send = () =>
        client.request(operation.method, operation.path, {
          params: {
            path: {
              projectId: 'alpha',
              ...(operation.path.endsWith('{id}') ? { id: firstIds.get(collection)! } : {}),
              ...(operation.path.includes('{runId}') ? { runId: RUN } : {}),
              ...pathParams[operation.operationId],
            },
            query: {
              ...Object.fromEntries(
                operation.queryNames.filter((name) => name in QUERY).map((name) => [name, QUERY[name]]),
              ),
              ...(operation.queryNames.includes('q') ? { q: SEARCH_WORDS[operation.operationId] } : {}),
            },
          },
          ...(operation.method === 'post' ? { body: bodies[operation.operationId] } : {}),
          ...(operation.method === 'patch' ? { body: PATCH_BODY } : {}),
        });
      // Three agreeing outcomes make a heuristic: the third answer holds a lesson, not null.
      const answers = [];
      for (let i = 0; i < (operation.operationId === 'learn' ? 3 : 1); i++) answers.push(await send());
      for (const { response, data, error } of answers) {
        expect(error, `${operation.operationId}: ${JSON.stringify(error)}`).toBeUndefined();
        expect(response.status, operation.operationId).toBe(operation.status);
        const validate = validatorOf(operation.schemaRef);
        expect(validate(data), `${operation.operationId}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
      const data = answers.at(-1)!.data as { items?: { id: string }[]; heuristic?: unknown };
      if (operation.operationId === 'learn') expect(data.heuristic).toMatchObject({ action: 'created' });
      if (operation.operationId === 'retrieve') {
        // Seeded with the task's own vector, every memory kind is retrieved and scored.
        const { memories } = data as unknown as { memories: Record<string, unknown[]> };
        for (const [kind, scored] of Object.entries(memories)) expect(scored.length, kind).toBeGreaterThan(0);
      }
      if (data.items) {
        // Every kind was seeded, so every list holds records for the schema to judge.
        expect(data.items.length, operation.operationId).toBeGreaterThan(0);
        firstIds.set(operation.path, data.items[0]!.id);
      }
      if (operation.operationId.startsWith('search_')) {
        const { hits } = data as unknown as { hits: unknown[] };
        expect(hits.length, operation.operationId).toBeGreaterThan(0);
      }
      if (operation.operationId === 'restoreArchived') {
        expect(data).toMatchObject({ kind: 'domain-knowledge', record: { agent: 'archivist' } });
      }
      if (operation.operationId === 'mergeStates')
        expect(data).toEqual({ state: { n: 3, tags: ['a', 'b'] } });
      called.push(operation.operationId);
    }
    // 7 engine operations, 10 workflow ones, 6 for dashboards, list, get, update, delete per kind, and
    // a search for each of the 7 kinds with searchable text.
    expect(called).toHaveLength(23 + 4 * KINDS.length + 7);
  });

  it('has response schemas that refuse what the server must not send', async () => {
    const validate = componentValidators(document)('#/components/schemas/Checkpoint');
    const answer = await fetch(`${test.url}/v1/projects/alpha/checkpoints`, {
      headers: { authorization: `Bearer ${test.keys.alpha}` },
    });
    const [record] = ((await answer.json()) as { items: Record<string, unknown>[] }).items;
    expect(validate(record)).toBe(true);
    expect(validate({ ...record, embedding: null })).toBe(false);
    expect(validate({ ...record, createdAt: 'yesterday' })).toBe(false);
    expect(validate({ ...record, sequenceNumber: -1 })).toBe(false);
    const { state: _, ...withoutState } = record!;
    expect(validate(withoutState)).toBe(false);
  });
});

/**
 * What the workflow routes need beyond the seeded records, made through the API itself: a memory
 * with an artifact, a checkpoint of the run, and an archive entry from a real consolidation.
 */
async function prepareWorkflow(test: TestServer): Promise<Known> {
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${test.url}/v1/projects/alpha${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${test.keys.alpha}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.ok, `${path}: ${response.status}`).toBe(true);
    return (await response.json()) as T;
  };
  const fact = { agent: 'archivist', domain: 'vault', fact: 'the vault opens at nine' };
  await post('/domain-knowledge', fact);
  await post('/domain-knowledge', fact);
  await post('/consolidate', { agent: 'archivist', kind: 'domain-knowledge', dryRun: false });
  const archive = await fetch(`${test.url}/v1/projects/alpha/archive?agent=archivist`, {
    headers: { authorization: `Bearer ${test.keys.alpha}` },
  });
  const [entry] = ((await archive.json()) as { items: { id: string; mergedInto: string }[] }).items;
  await post('/checkpoints', { runId: RUN, nodeId: 'plan', state: { step: 1 } });
  // The memory consolidation kept, which the archived one was merged into.
  const memoryId = entry!.mergedInto;
  await post('/artifact-links', { memoryId, artifactType: 'report', storageUrl: 's3://reports/1' });
  const firstOf = async (path: string) => {
    const page = await fetch(`${test.url}/v1/projects/alpha${path}?limit=1`, {
      headers: { authorization: `Bearer ${test.keys.alpha}` },
    });
    return ((await page.json()) as { items: { id: string }[] }).items[0]!.id;
  };
  return {
    memoryId,
    archiveId: entry!.id,
    heuristicId: await firstOf('/heuristics'),
    antiPatternId: await firstOf('/anti-patterns'),
  };
}

/** A JSON Schema 2020-12 validator (ajv, formats checked) of a `#/components/…` ref of the document. */
function componentValidators(document: OpenAPIV3_1.Document): (ref: string) => ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats.default(ajv);
  // The components under an id of their own, so that the document's `#/components/…` refs resolve.
  ajv.addKeyword('components');
  ajv.addSchema({ $id: 'urn:alma:api', components: document.components });
  return (ref) => {
    const validate = ajv.getSchema(`urn:alma:api${ref}`);
    if (!validate) throw new Error(`no schema at ${ref}`);
    return validate;
  };
}

/**
 * What an application would write against the generated types: each operation's success body must
 * be a real type (neither `any` nor `unknown`), and typed calls must compile, wrong ones must not.
 */
function clientProgram(operations: readonly Operation[]): string {
  const checks = operations.map(
    (operation, i) =>
      `const check${i}: Loose<paths[${JSON.stringify(operation.path)}][${JSON.stringify(operation.method)}]['responses'][${operation.status}]['content']['application/json']> = false;`,
  );
  return `import createClient from 'openapi-fetch';
import type { components, paths } from './alma-api';

/** true for any and unknown. */
type Loose<T> = 0 extends 1 & T ? true : unknown extends T ? true : false;
${checks.join('\n')}

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:1' });

export async function typedUse(): Promise<void> {
  const { data: page } = await client.GET('/v1/projects/{projectId}/heuristics', {
    params: { path: { projectId: 'alpha' }, query: { limit: 5 } },
  });
  const first: components['schemas']['Heuristic'] | undefined = page?.items[0];
  const createdAt: string | undefined = first?.createdAt;
  const confidence: number | undefined = first?.confidence;
  // @ts-expect-error records carry no embedding
  first?.embedding;
  const { data: stats } = await client.GET('/v1/projects/{projectId}/stats', {
    params: { path: { projectId: 'alpha' } },
  });
  const checkpoints: number | undefined = stats?.counts.checkpoint;
  const { data: learnt } = await client.POST('/v1/projects/{projectId}/learn', {
    params: { path: { projectId: 'alpha' } },
    body: { agent: 'coder', taskType: 'release', taskDescription: 'ship', success: true, strategyUsed: 'tag' },
  });
  const action: 'created' | 'reinforced' | 'weakened' | undefined = learnt?.heuristic?.action;
  const { data: archived } = await client.GET('/v1/projects/{projectId}/archive/{id}', {
    params: { path: { projectId: 'alpha', id: '019ad5a0-0000-7000-8000-000000000001' } },
  });
  const originalKind: string | undefined = archived?.originalKind;
  const { data: deleted } = await client.DELETE('/v1/projects/{projectId}/checkpoints/{id}', {
    params: { path: { projectId: 'alpha', id: '019ad5a0-0000-7000-8000-000000000001' } },
  });
  const gone: true | undefined = deleted?.deleted;
  await client.POST('/v1/projects/{projectId}/learn', {
    params: { path: { projectId: 'alpha' } },
    // @ts-expect-error a learn body names its agent
    body: { taskType: 'release', taskDescription: 'ship', success: true, strategyUsed: 'tag' },
  });
  const { data: saved } = await client.POST('/v1/projects/{projectId}/checkpoints', {
    params: { path: { projectId: 'alpha' } },
    body: { runId: 'run-1', nodeId: 'plan', state: { step: 1 } },
  });
  const skipped: boolean | undefined = saved?.skipped;
  const sequence: number | undefined = saved?.checkpoint.sequenceNumber;
  const { data: resumed } = await client.GET('/v1/projects/{projectId}/workflow-runs/{runId}/resume', {
    params: { path: { projectId: 'alpha', runId: 'run-1' }, query: { branchId: 'b' } },
  });
  const resumeNode: string | undefined = resumed?.checkpoint?.nodeId;
  await client.POST('/v1/projects/{projectId}/retrieve', {
    params: { path: { projectId: 'alpha' } },
    body: { task: 'ship', agent: 'coder', scope: { level: 'workflow', workflowId: 'release' } },
  });
  await client.POST('/v1/projects/{projectId}/retrieve', {
    params: { path: { projectId: 'alpha' } },
    // @ts-expect-error scope levels are named
    body: { task: 'ship', agent: 'coder', scope: { level: 'galaxy' } },
  });
  const { data: restored } = await client.POST('/v1/projects/{projectId}/archive/{id}/restore', {
    params: { path: { projectId: 'alpha', id: '019ad5a0-0000-7000-8000-000000000001' } },
  });
  const restoredKind: 'heuristics' | 'domain-knowledge' | 'anti-patterns' | undefined = restored?.kind;
  const { data: learntRun } = await client.POST('/v1/projects/{projectId}/workflow-outcomes', {
    params: { path: { projectId: 'alpha' } },
    body: { agent: 'coder', workflowId: 'release', runId: 'run-1', result: 'success', summary: 'shipped' },
  });
  const runResult: string | undefined = learntRun?.workflowOutcome.result;
  void [createdAt, confidence, checkpoints, action, originalKind, gone, skipped, sequence, resumeNode];
  void [restoredKind, runResult];
}
`;
}
