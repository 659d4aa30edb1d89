import {
  BUILT_IN_DOCUMENT_UPGRADES,
  CosmosAdapter,
  fieldDefaultUpgrade,
  META_CONTAINER,
} from '@alma/adapter-cosmos';
import { CosmosHttpRecorder, cosmosClientFor } from '@alma/adapter-cosmos/testing';
import { KIND_STORAGE_NAMES, MemoryStore, type Outcome } from '@alma/core';
import { expectAlmaError, PROJECT, sampleInput } from '@alma/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cosmosTarget, openRecordedStore, type RecordedStore } from './cosmos-test-target.js';

/** The next release of the layout: outcomes gained `userFeedback`, null unless given. */
const CURRENT = BUILT_IN_DOCUMENT_UPGRADES.length + 1;
const NEXT = CURRENT + 1;
const NEXT_RELEASE = [
  ...BUILT_IN_DOCUMENT_UPGRADES,
  fieldDefaultUpgrade({ version: NEXT, kind: 'outcome', field: 'userFeedback', value: null }),
];
/** What migrate() reports when only the outcomes needed the next release's step. */
const ONLY_OUTCOMES = (outcome: number) => ({ heuristic: 0, outcome, domainKnowledge: 0, antiPattern: 0 });

let opened: RecordedStore[] = [];
afterEach(async () => {
  for (const target of opened.reverse()) await target.dispose().catch(() => {});
  opened = [];
});

async function open(options: Parameters<typeof openRecordedStore>[0] = {}): Promise<RecordedStore> {
  const target = await openRecordedStore(options);
  opened.push(target);
  return target;
}

/** Outcomes as the layout-1 writer stored them: without the field release 2 adds. */
async function writeLayoutOneOutcomes(target: RecordedStore, count: number): Promise<Outcome[]> {
  const { items } = await target.store.outcomes.putMany(
    Array.from({ length: count }, (_, i) => sampleInput('outcome', { taskDescription: `old ${i}` })),
  );
  const container = target.client.database(target.databaseId).container(KIND_STORAGE_NAMES.outcome);
  for (const item of items) {
    const { resource } = await container.item(item.id, item.projectId).read();
    const { userFeedback: _, _rid, _self, _etag, _ts, _attachments, ...layoutOne } = resource;
    await container.item(item.id, item.projectId).replace(layoutOne);
  }
  return items;
}

async function rawOutcome(target: RecordedStore, outcome: Outcome): Promise<Record<string, unknown>> {
  const container = target.client.database(target.databaseId).container(KIND_STORAGE_NAMES.outcome);
  return (await container.item(outcome.id, outcome.projectId).read()).resource;
}

/** The same database opened by the next release of the adapter. */
async function reopenAtRelease2(
  target: RecordedStore,
): Promise<{ store: MemoryStore; adapter: CosmosAdapter }> {
  const adapter = await CosmosAdapter.open({
    client: target.client,
    databaseId: target.databaseId,
    search: 'exact',
    documentUpgrades: NEXT_RELEASE,
  });
  return { store: await MemoryStore.open(adapter), adapter };
}

describe('schema evolution: a field added with a default', () => {
  it('layout-1 documents without the field are corrupt to a reader that knows no upgrade', async () => {
    const target = await open();
    const [old] = await writeLayoutOneOutcomes(target, 1);
    await expectAlmaError(target.store.outcomes.get(old!), 'CORRUPT_DATA');
  });

  it('is applied lazily on read, leaving the stored documents as they were', async () => {
    const target = await open();
    const old = await writeLayoutOneOutcomes(target, 3);
    const { store } = await reopenAtRelease2(target);
    expect(await store.outcomes.get(old[0]!)).toEqual({ ...old[0], userFeedback: null });
    const page = await store.outcomes.find({ where: { projectId: PROJECT } });
    expect(page.items).toEqual(old.map((outcome) => ({ ...outcome, userFeedback: null })));
    const patched = await store.outcomes.update(old[1]!, { taskDescription: 'patched' });
    expect(patched).toMatchObject({ taskDescription: 'patched', userFeedback: null });
    const raw = await rawOutcome(target, old[0]!);
    expect(Object.hasOwn(raw, 'userFeedback')).toBe(false);
    expect(raw.schemaVersion).toBe(CURRENT);
    expect((await store.schema()).pending).toEqual([`documents-v${NEXT}`]);
    const fresh = await store.outcomes.put(sampleInput('outcome', { userFeedback: 'new' }));
    expect((await rawOutcome(target, fresh)).schemaVersion).toBe(NEXT);
  });

  it('is applied eagerly by migrate(), once, and recorded in the meta container', async () => {
    const target = await open();
    const old = await writeLayoutOneOutcomes(target, 120);
    const { store, adapter } = await reopenAtRelease2(target);
    expect(await adapter.migrate()).toEqual(ONLY_OUTCOMES(120));
    for (const outcome of [old[0]!, old[119]!]) {
      const raw = await rawOutcome(target, outcome);
      expect(raw).toMatchObject({ userFeedback: null, schemaVersion: NEXT });
    }
    expect(await store.schema()).toEqual({
      backend: 'cosmos',
      applied: ['containers-v1', 'containers-v2', 'documents-v1', 'documents-v2', 'documents-v3'],
      pending: [],
    });
    const meta = target.client.database(target.databaseId).container(META_CONTAINER);
    expect((await meta.item(`applied:documents-v${NEXT}`, '_alma').read()).resource).toMatchObject({
      name: `documents-v${NEXT}`,
      type: 'applied',
    });
    expect(await adapter.migrate()).toEqual(ONLY_OUTCOMES(0));
  });

  it('never loses a write that lands while it rewrites a document (If-Match)', async () => {
    const target = await open();
    const [old] = await writeLayoutOneOutcomes(target, 1);
    const recorder = new CosmosHttpRecorder();
    const client = cosmosClientFor(cosmosTarget(), { httpClient: recorder });
    const adapter = await CosmosAdapter.open({
      client,
      databaseId: target.databaseId,
      search: 'exact',
      documentUpgrades: NEXT_RELEASE,
    });
    let raced = false;
    recorder.interceptor = async (request) => {
      if (request.method === 'PUT' && !raced) {
        raced = true;
        await target.store.outcomes.update(old!, { durationMs: 77 }).catch(() => {});
      }
      return undefined;
    };
    expect(await adapter.migrate()).toEqual(ONLY_OUTCOMES(1));
    expect(recorder.requests.filter((request) => request.method === 'PUT').map((r) => r.status)).toEqual([
      412, 200,
    ]);
    expect(await rawOutcome(target, old!)).toMatchObject({
      durationMs: 77,
      userFeedback: null,
      schemaVersion: NEXT,
    });
    await adapter.close();
    client.dispose();
  });
});

describe('schema evolution: container settings', () => {
  it('an unrecorded settings version is re-applied on open and recorded, the documents kept', async () => {
    const target = await open();
    const kept = await target.store.outcomes.put(sampleInput('outcome'));
    const meta = target.client.database(target.databaseId).container(META_CONTAINER);
    await meta.item('applied:containers-v1', '_alma').delete();
    expect((await target.store.schema()).pending).toEqual(['containers-v1']);
    const { store: reopened } = await reopenAtRelease2(target);
    expect((await reopened.schema()).applied).toContain('containers-v1');
    expect(await reopened.outcomes.get(kept)).toEqual(kept);
    const { resource } = await target.client
      .database(target.databaseId)
      .container(KIND_STORAGE_NAMES.outcome)
      .read();
    expect(resource?.indexingPolicy?.compositeIndexes).toHaveLength(6);
  });
});
