import { sampleInput } from '@alma/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecordedStore, type RecordedStore } from './cosmos-test-target.js';

let target: RecordedStore | null = null;
afterEach(async () => {
  await target?.dispose();
  target = null;
});

/** Ten fields and updatedAt: one operation more than a Cosmos patch takes. */
const WIDE = {
  agent: 'a2',
  taskType: 't2',
  taskDescription: 'd2',
  success: false,
  strategyUsed: 's2',
  errorMessage: 'e2',
  userFeedback: 'f2',
  timestamp: new Date(0),
  metadata: { wide: true },
  embedding: [0, 1, 0, 0, 0, 0, 0, 0],
};

describe('an update wider than one patch', () => {
  it('starts again when a write lands between its read and its conditional replace, losing neither', async () => {
    target = await openRecordedStore();
    const { store, recorder } = target;
    const saved = await store.outcomes.put(sampleInput('outcome', { durationMs: 1 }));
    let raced = false;
    recorder.interceptor = async (request) => {
      if (request.method === 'PUT' && !raced) {
        raced = true;
        await store.outcomes.update(saved, { durationMs: 77 });
      }
      return undefined;
    };
    const { result, requests } = await recorder.during(() => store.outcomes.update(saved, WIDE));
    expect(requests.map(({ method, status }) => `${method} ${status}`)).toEqual([
      'GET 200',
      'PUT 412',
      'PATCH 200',
      'GET 200',
      'PUT 200',
    ]);
    expect(result).toMatchObject({ ...WIDE, embedding: Float32Array.from(WIDE.embedding), durationMs: 77 });
    expect(await store.outcomes.get(saved)).toEqual(result);
  });

  it('keeps every one of many concurrent wide and narrow updates', async () => {
    target = await openRecordedStore();
    const { store } = target;
    const saved = await store.outcomes.put(sampleInput('outcome'));
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) =>
        store.outcomes.update(saved, { ...WIDE, metadata: { wide: i } }),
      ),
      store.outcomes.update(saved, { durationMs: 5 }),
    ]);
    const read = await store.outcomes.get(saved);
    expect(read?.durationMs).toBe(5);
    expect(read?.agent).toBe('a2');
  });
});
