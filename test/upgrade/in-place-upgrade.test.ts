import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CosmosAdapter } from '@alma/adapter-cosmos';
import { cosmosClientFor, startCosmosStandIn } from '@alma/adapter-cosmos/testing';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@alma/adapter-sql/testing';
import { openStore, parseStoreUrl } from '@alma/connect';
import { compareDigests, copyStore, digestStore, KINDS, MemoryStore } from '@alma/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, BUILT_CLI } from '../support/built-cli.js';
import type { FillPlan, FillStore, FillTarget } from '../support/fill-stores.js';
import { datasetRecords } from '../support/memory-dataset.js';
import { exportText } from '../support/store-export.js';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The last release before the workflow layer (issue 15): its stores have five kinds, no scope
 * fields, Cosmos document layout 1 and container settings 1, and its exports are version 1.
 */
const PREVIOUS_RELEASE = '67078dc2811ab5c858b191e0e9ea8debb4204983';
const WORKFLOW_MIGRATION = '20261130120000_workflow_layer';
const SCOPE_FIELDS = { tenantId: null, workflowId: null, runId: null, nodeId: null };
const SCOPED_KINDS = new Set(['heuristic', 'outcome', 'domainKnowledge', 'antiPattern']);
const plan = { perKind: 24, dimension: 16, embedder: 'upgrade:16' } as const;

type Line = {
  kind?: string;
  record?: Record<string, unknown>;
  version?: number;
  counts?: Record<string, number>;
};
const linesOf = (text: string): Line[] =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);

/**
 * What an export of the previous release becomes once its store is upgraded: the same records in
 * the same order, the memory kinds with null scope fields, the new kinds empty, format version 2.
 */
function expectUpgradedExport(before: string, after: string): void {
  const old = linesOf(before);
  const now = linesOf(after);
  expect(old[0]).toMatchObject({ format: 'alma-export', version: 1 });
  expect(now[0]).toEqual({ ...old[0], version: 2 });
  const oldRecords = old.slice(1, -1);
  const newRecords = now.slice(1, -1);
  expect(newRecords).toHaveLength(oldRecords.length);
  newRecords.forEach((line, i) => {
    const was = oldRecords[i]!;
    expect(line.kind).toBe(was.kind);
    expect(line.record).toEqual(
      SCOPED_KINDS.has(was.kind!) ? { ...was.record, ...SCOPE_FIELDS } : was.record,
    );
  });
  const counts = now.at(-1)!.counts!;
  expect(Object.keys(counts)).toEqual([...KINDS]);
  for (const kind of KINDS) expect(counts[kind]).toBe(old.at(-1)!.counts![kind] ?? 0);
}

async function alma(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BUILT_CLI, ...args], { cwd: repository });
  return stdout;
}

describe(`in-place upgrade of stores written by the previous release (${PREVIOUS_RELEASE.slice(0, 7)})`, () => {
  let directory: string;
  let release: string;
  const databases: PostgresTestDatabase[] = [];
  let standIn: Awaited<ReturnType<typeof startCosmosStandIn>>;
  let cosmosClient: ReturnType<typeof cosmosClientFor>;
  const oldExport: Record<string, string> = {};

  const sqlite = (name: string) => `sqlite:${join(directory, `${name}.db`)}`;
  const file = (name: string) => `file:${join(directory, name)}`;
  const cosmosTarget = (database: string) => ({ endpoint: standIn.endpoint, key: standIn.key, database });

  beforeAll(async () => {
    assertCliBuilt();
    directory = await mkdtemp(join(tmpdir(), 'alma-upgrade-'));
    for (const name of ['alma_upgrade_command', 'alma_upgrade_open']) {
      databases.push(await createPostgresTestDatabase(name));
    }
    standIn = await startCosmosStandIn();
    cosmosClient = cosmosClientFor(standIn);
    // The previous release, from git, installed from the package store; then its own code fills the stores.
    const { stdout } = await run(
      'bash',
      [join(repository, 'scripts/previous-release.sh'), PREVIOUS_RELEASE],
      {
        cwd: repository,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    release = stdout.trim().split('\n').at(-1)!;
    await copyFile(
      join(repository, 'test/support/fill-stores.ts'),
      join(release, 'test/support/fill-stores.ts'),
    );
    const targets: Record<string, FillStore> = {
      'sqlite-command': { url: sqlite('command') },
      'sqlite-open': { url: sqlite('open') },
      'postgres-command': { url: databases[0]!.connectionString },
      'postgres-open': { url: databases[1]!.connectionString },
      'cosmos-command': { cosmos: cosmosTarget('upgrade-command') },
      'cosmos-open': { cosmos: cosmosTarget('upgrade-open') },
      'file-command': { url: file('command') },
      'file-open': { url: file('open') },
    };
    const fillPlan: FillPlan = {
      ...plan,
      targets: Object.entries(targets).map(
        ([name, target]): FillTarget => ({ ...target, exportTo: join(directory, `${name}.v1.ndjson`) }),
      ),
    };
    await run(
      join(release, 'node_modules/.bin/tsx'),
      ['--conditions=@alma/source', 'test/support/fill-stores.ts', JSON.stringify(fillPlan)],
      { cwd: release, maxBuffer: 16 * 1024 * 1024 },
    );
    for (const name of Object.keys(targets)) {
      oldExport[name] = await readFile(join(directory, `${name}.v1.ndjson`), 'utf8');
    }
  }, 600_000);

  afterAll(async () => {
    cosmosClient?.dispose();
    await standIn?.close();
    for (const database of databases) await database.drop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  const exportOf = async (url: string) => {
    const opened = await openStore(parseStoreUrl(url), { mustExist: true });
    try {
      return await exportText(opened.store);
    } finally {
      await opened.close();
    }
  };

  const cosmosExport = async (database: string, migrate: boolean) => {
    const adapter = await CosmosAdapter.open({ client: cosmosClient, databaseId: database, search: 'exact' });
    const store = await MemoryStore.open(adapter);
    try {
      const report = migrate ? await adapter.migrate() : null;
      return { report, text: await exportText(store), schema: await store.schema() };
    } finally {
      await store.close();
    }
  };

  it('the previous release wrote every store with its own format: five kinds, export version 1', () => {
    for (const text of Object.values(oldExport)) {
      const lines = linesOf(text);
      expect(lines[0]?.version).toBe(1);
      expect(Object.keys(lines.at(-1)!.counts!)).toEqual([
        'heuristic',
        'outcome',
        'preference',
        'domainKnowledge',
        'antiPattern',
      ]);
      expect(lines).toHaveLength(1 + 5 * plan.perKind + 1);
    }
  });

  it('SQLite and PostgreSQL: `alma db migrate` applies the workflow migration, and the data is whole', async () => {
    for (const [name, url] of [
      ['sqlite-command', sqlite('command')],
      ['postgres-command', databases[0]!.connectionString],
    ] as const) {
      const migrated = JSON.parse(await alma('db', 'migrate', '--store', url, '--json'));
      expect(migrated.applied, name).toEqual([WORKFLOW_MIGRATION]);
      expect(JSON.parse(await alma('db', 'migrate', '--store', url, '--json')).applied).toEqual([]);
      expectUpgradedExport(oldExport[name]!, await exportOf(url));
    }
  });

  it('SQLite and PostgreSQL: opening with this release migrates, and the data is whole', async () => {
    for (const [name, url] of [
      ['sqlite-open', sqlite('open')],
      ['postgres-open', databases[1]!.connectionString],
    ] as const) {
      expectUpgradedExport(oldExport[name]!, await exportOf(url));
      const status = JSON.parse(await alma('db', 'status', '--store', url, '--json'));
      expect(status.status).toBe('up-to-date');
    }
  });

  it('Cosmos DB: migrate() rewrites the documents to layout 2; opening alone reads them upgraded', async () => {
    const migrated = await cosmosExport('upgrade-command', true);
    expect(migrated.report).toEqual({
      heuristic: plan.perKind,
      outcome: plan.perKind,
      domainKnowledge: plan.perKind,
      antiPattern: plan.perKind,
    });
    expect(migrated.schema.pending).toEqual([]);
    expectUpgradedExport(oldExport['cosmos-command']!, migrated.text);
    const opened = await cosmosExport('upgrade-open', false);
    expect(opened.schema.pending).toEqual(['documents-v2']);
    expectUpgradedExport(oldExport['cosmos-open']!, opened.text);
  });

  it('file store: `alma db migrate` has nothing to do, and opening adds the new kinds’ logs', async () => {
    const answer = JSON.parse(await alma('db', 'migrate', '--store', file('command'), '--json'));
    expect(answer.message).toContain('no migrations');
    expectUpgradedExport(oldExport['file-command']!, await exportOf(file('command')));
    expectUpgradedExport(oldExport['file-open']!, await exportOf(file('open')));
  });

  it('upgraded stores take the workflow layer, and `alma copy` carries it between backends', async () => {
    const source = await openStore(parseStoreUrl(sqlite('command')), { mustExist: true });
    try {
      for (const kind of ['checkpoint', 'workflowOutcome', 'artifactLink', 'archivedMemory'] as const) {
        const { failures } = await source.store.kind(kind).putMany(datasetRecords(kind, 12, plan.dimension));
        expect(failures).toEqual([]);
      }
    } finally {
      await source.close();
    }
    const copied = JSON.parse(
      await alma('copy', '--from', sqlite('command'), '--to', file('copied'), '--json'),
    );
    expect(copied).toMatchObject({ total: 5 * plan.perKind + 4 * 12, verification: { ok: true } });
    expect(await exportOf(file('copied'))).toBe(await exportOf(sqlite('command')));
    // And on into the upgraded PostgreSQL store, which already holds the same older records.
    const into = await openStore(parseStoreUrl(databases[0]!.connectionString), { mustExist: true });
    const from = await openStore(parseStoreUrl(file('copied')), { mustExist: true });
    try {
      const report = await copyStore(from.store, into.store);
      expect(compareDigests(report.sourceDigest, await digestStore(into.store)).ok).toBe(true);
    } finally {
      await from.close();
      await into.close();
    }
  });
});
