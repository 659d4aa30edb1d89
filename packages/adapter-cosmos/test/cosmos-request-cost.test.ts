import type { RecordedRequest, RequestKind } from '@alma/adapter-cosmos/testing';
import { uuidv7 } from '@alma/core';
import { OTHER_PROJECT, PROJECT, randomVector, sampleInput, seededRandom } from '@alma/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecordedStore, type RecordedStore } from './cosmos-test-target.js';

const PARTITION = JSON.stringify([PROJECT]);
let target: RecordedStore;

beforeAll(async () => {
  target = await openRecordedStore();
  // The SDK reads each container's partition-key definition and key ranges once per client; pay that here.
  for (const projectId of [PROJECT, OTHER_PROJECT]) {
    await target.store.heuristics.putMany([sampleInput('heuristic', { projectId })]);
    await target.store.outcomes.putMany([sampleInput('outcome', { projectId })]);
  }
});
afterAll(() => target.dispose());

const kinds = (requests: RecordedRequest[]) => requests.map((request) => request.kind);

/** Every query ran in the project's partition; query plans are the SDK's gateway lookups, no data read. */
function expectSinglePartition(requests: RecordedRequest[]): void {
  const queries = requests.filter((request) => request.kind === 'query');
  expect(queries.length).toBeGreaterThan(0);
  for (const query of queries) expect(query.partitionKey).toBe(PARTITION);
  const allowed: RequestKind[] = ['query', 'query-plan', 'batch'];
  for (const request of requests) expect(allowed).toContain(request.kind);
}

describe('request cost: point operations are one request (DC-11, PC-8)', () => {
  it('put is one upsert', async () => {
    const { requests } = await target.recorder.during(() =>
      target.store.heuristics.put(sampleInput('heuristic')),
    );
    expect(kinds(requests)).toEqual(['write']);
    expect(requests[0]?.partitionKey).toBe(PARTITION);
  });

  it('get is one point read, found or not', async () => {
    const saved = await target.store.heuristics.put(sampleInput('heuristic'));
    const found = await target.recorder.during(() => target.store.heuristics.get(saved));
    expect(found.result).toEqual(saved);
    expect(found.requests.map(({ kind, method, partitionKey }) => [kind, method, partitionKey])).toEqual([
      ['point', 'GET', PARTITION],
    ]);
    const missing = await target.recorder.during(() =>
      target.store.heuristics.get({ projectId: PROJECT, id: uuidv7() }),
    );
    expect(missing.result).toBeNull();
    expect(kinds(missing.requests)).toEqual(['point']);
  });

  it('update is one patch: no read before the write', async () => {
    const saved = await target.store.heuristics.put(sampleInput('heuristic'));
    const { result, requests } = await target.recorder.during(() =>
      target.store.heuristics.update(saved, {
        confidence: 0.5,
        strategy: 'patched',
        embedding: [1, 0, 0, 0, 0, 0, 0, 0],
      }),
    );
    expect(result.strategy).toBe('patched');
    expect(requests.map(({ kind, method }) => [kind, method])).toEqual([['point', 'PATCH']]);
  });

  it('increment is one patch, also when it sets fields', async () => {
    const saved = await target.store.heuristics.put(sampleInput('heuristic'));
    const { result, requests } = await target.recorder.during(() =>
      target.store.heuristics.increment(saved, { occurrenceCount: 2, successCount: 1 }, { confidence: 0.9 }),
    );
    expect(result).toMatchObject({ occurrenceCount: 2, successCount: 1, confidence: 0.9 });
    expect(requests.map(({ kind, method }) => [kind, method])).toEqual([['point', 'PATCH']]);
  });

  it('delete is one request, found or not', async () => {
    const saved = await target.store.heuristics.put(sampleInput('heuristic'));
    for (const expected of [true, false]) {
      const { result, requests } = await target.recorder.during(() => target.store.heuristics.delete(saved));
      expect(result).toBe(expected);
      expect(requests.map(({ kind, method }) => [kind, method])).toEqual([['point', 'DELETE']]);
    }
  });

  it('an update of an absent record is one request too', async () => {
    const ref = { projectId: PROJECT, id: uuidv7() };
    const { requests } = await target.recorder.during(() =>
      target.store.heuristics.update(ref, { confidence: 1 }).catch(() => null),
    );
    expect(kinds(requests)).toEqual(['point']);
  });

  it('an update wider than one patch (over ten fields) is a read and a conditional replace', async () => {
    const saved = await target.store.outcomes.put(sampleInput('outcome'));
    const { result, requests } = await target.recorder.during(() =>
      target.store.outcomes.update(saved, {
        agent: 'a2',
        taskType: 't2',
        taskDescription: 'd2',
        success: false,
        strategyUsed: 's2',
        durationMs: 5,
        errorMessage: 'e2',
        userFeedback: 'f2',
        timestamp: new Date(0),
        metadata: { wide: true },
      }),
    );
    expect(result).toMatchObject({ agent: 'a2', userFeedback: 'f2', metadata: { wide: true } });
    expect(requests.map(({ kind, method }) => [kind, method])).toEqual([
      ['point', 'GET'],
      ['point', 'PUT'],
    ]);
  });
});

describe('request cost: no cross-partition query on any path that carries a projectId', () => {
  it('find, count, deleteWhere and both searches stay in the partition', async () => {
    const random = seededRandom(5);
    await target.store.heuristics.putMany(
      Array.from({ length: 30 }, (_, i) =>
        sampleInput('heuristic', {
          strategy: `word ${i}`,
          confidence: i / 30,
          embedding: randomVector(random),
        }),
      ),
    );
    const where = { projectId: PROJECT, confidence: { gte: 0.2 } };
    const operations: (() => Promise<unknown>)[] = [
      () =>
        target.store.heuristics.find({
          where,
          orderBy: { field: 'confidence', direction: 'desc' },
          limit: 5,
        }),
      () => target.store.heuristics.count(where),
      () => target.store.heuristics.search({ where, vector: randomVector(random), k: 3 }),
      () => target.store.heuristics.search({ where, text: 'word', k: 3 }),
      () => target.store.heuristics.search({ where, text: 'word', vector: randomVector(random), k: 3 }),
      () => target.store.heuristics.deleteWhere({ projectId: PROJECT, confidence: { lt: 0.1 } }),
    ];
    for (const operation of operations)
      expectSinglePartition((await target.recorder.during(operation)).requests);
  });

  it('find by successRate is two queries in the partition: the counters of every match, then the page', async () => {
    const { requests } = await target.recorder.during(() =>
      target.store.heuristics.find({
        where: { projectId: PROJECT },
        orderBy: { field: 'successRate', direction: 'desc' },
        limit: 5,
      }),
    );
    expectSinglePartition(requests);
    expect(kinds(requests).filter((kind) => kind === 'query')).toEqual(['query', 'query']);
  });

  it('putMany is one bulk request per 100 records of a partition', async () => {
    const inputs = Array.from({ length: 250 }, () => sampleInput('outcome'));
    const { result, requests } = await target.recorder.during(() => target.store.outcomes.putMany(inputs));
    expect(result.failures).toEqual([]);
    expect(kinds(requests)).toEqual(['batch', 'batch', 'batch']);
  });

  it('scan of one project stays in its partition; scan of all walks partitions one cross-partition step each', async () => {
    const one = await target.recorder.during(async () => {
      for await (const _ of target.store.heuristics.scan({ projectId: PROJECT }));
    });
    expectSinglePartition(one.requests);
    const all = await target.recorder.during(async () => {
      for await (const _ of target.store.heuristics.scan());
    });
    // One step per project plus the step that finds no next project.
    expect(all.requests.filter((request) => request.kind === 'cross-partition-query')).toHaveLength(3);
  });
});
