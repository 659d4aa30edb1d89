import { assertDocumentSize, MAX_DOCUMENT_BYTES } from '@alma/adapter-cosmos';
import { CosmosHttpRecorder, type PipelineRequest } from '@alma/adapter-cosmos/testing';
import { PROJECT, sampleInput } from '@alma/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecordedStore, type RecordedStore } from './cosmos-test-target.js';

let target: RecordedStore | null = null;
afterEach(async () => {
  await target?.dispose();
  target = null;
});

/** The service's answer to a bulk request in which it throttled every operation. */
function throttledEverything(request: PipelineRequest, retryAfterMs: number) {
  const operations = JSON.parse(String(request.body)) as unknown[];
  return CosmosHttpRecorder.response(
    request,
    207,
    {},
    operations.map(() => ({
      statusCode: 429,
      subStatusCode: 3200,
      requestCharge: 0,
      retryAfterMilliseconds: retryAfterMs,
    })),
  );
}

describe('putMany: bulk, per item, throttling honoured', () => {
  it('sends throttled items again after the retry-after the service asked for, and loses none', async () => {
    target = await openRecordedStore();
    const { recorder, store } = target;
    let throttledAt: number | null = null;
    recorder.interceptor = async (request, kind) => {
      if (kind !== 'batch' || throttledAt !== null) return undefined;
      throttledAt = performance.now();
      return throttledEverything(request, 40);
    };
    const { result, requests } = await recorder.during(() =>
      store.outcomes.putMany(Array.from({ length: 150 }, () => sampleInput('outcome'))),
    );
    expect(result.failures).toEqual([]);
    expect(result.items).toHaveLength(150);
    expect(await store.outcomes.count({ projectId: PROJECT })).toBe(150);
    const batches = requests
      .filter((request) => request.kind === 'batch')
      .sort((a, b) => a.sentAt - b.sentAt);
    expect(batches.map((batch) => batch.status).sort()).toEqual([200, 200, 207]);
    // The retry is the last batch sent, at least the 40 ms asked for later (timers may fire 1 ms early).
    expect(batches.at(-1)!.sentAt - throttledAt!).toBeGreaterThanOrEqual(39);
  });

  it('reports items still throttled after the retries as retryable STORAGE failures, in input order', async () => {
    target = await openRecordedStore();
    target.recorder.interceptor = async (request, kind) =>
      kind === 'batch' ? throttledEverything(request, 1) : undefined;
    const inputs = Array.from({ length: 3 }, () => sampleInput('heuristic'));
    const result = await target.store.heuristics.putMany(inputs);
    expect(result.items).toEqual([]);
    expect(result.failures.map((failure) => failure.index)).toEqual([0, 1, 2]);
    for (const failure of result.failures) {
      expect(failure.error.code).toBe('STORAGE');
      expect(failure.error.details).toMatchObject({ status: 429, retryable: true });
    }
    expect(target.recorder.requests.filter((request) => request.kind === 'batch')).toHaveLength(10);
  });

  it('maps each failed item to its own error and keeps the rest', async () => {
    target = await openRecordedStore();
    target.recorder.interceptor = async (_request, kind, forward) => {
      if (kind !== 'batch') return undefined;
      const answered = await forward();
      const results = JSON.parse(answered.bodyAsText ?? '[]') as Record<string, unknown>[];
      results[1] = { statusCode: 413, requestCharge: 0 };
      return { ...answered, bodyAsText: JSON.stringify(results) };
    };
    const inputs = Array.from({ length: 3 }, (_, i) => sampleInput('preference', { preference: `p${i}` }));
    const result = await target.store.preferences.putMany(inputs);
    expect(result.items.map((item) => item.preference)).toEqual(['p0', 'p2']);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ index: 1, error: { code: 'VALIDATION' } });
  });
});

describe('document size', () => {
  it('rejects a document over 2 MB before anything is sent, naming it and its size', () => {
    const document = { id: 'big', projectId: PROJECT, blob: 'x'.repeat(MAX_DOCUMENT_BYTES) };
    expect(() => assertDocumentSize(document)).toThrow(
      /big would be \d+ bytes; Cosmos DB stores at most 2 MB/,
    );
    expect(() =>
      assertDocumentSize({ ...document, blob: 'x'.repeat(MAX_DOCUMENT_BYTES - 2048) }),
    ).not.toThrow();
  });
});
