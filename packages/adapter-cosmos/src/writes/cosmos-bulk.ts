import { setTimeout as sleep } from 'node:timers/promises';
import type { AlmaError, BatchFailure, Ref } from '@alma/core';
import {
  BulkOperationType,
  type Container,
  type JSONObject,
  type OperationInput,
  type OperationResponse,
} from '@azure/cosmos';
import { toAlmaError } from '../cosmos-errors.js';
import type { CosmosDocument } from '../schema/cosmos-schema.js';

/** A bulk request carries at most 100 operations of one partition-key range. */
const CHUNK = 100;
/** Chunks in flight at once: enough to fill a partition, few enough not to throttle ourselves. */
const PARALLEL_CHUNKS = 4;
/** Like the SDK's own throttling policy: up to 9 retries, 30 s of waiting in all. */
const THROTTLE_RETRIES = 9;
const THROTTLE_WAIT_MS = 30_000;

interface Planned {
  readonly index: number;
  readonly input: OperationInput;
}

/**
 * Upserts in non-transactional bulk requests, grouped by partition: per-item results, and items the
 * service throttled (429) sent again after the retry-after it asked for. Returns the items that failed.
 */
export async function bulkUpsert(
  container: Container,
  documents: readonly CosmosDocument[],
  action: string,
): Promise<BatchFailure[]> {
  const outcomes = await runBulk(
    container,
    documents.map((document) => ({
      operationType: BulkOperationType.Upsert,
      partitionKey: String(document.projectId),
      resourceBody: document as JSONObject,
    })),
    action,
  );
  return outcomes.flatMap((error, index) =>
    error ? [{ index, id: String(documents[index]?.id), error }] : [],
  );
}

/** Deletes in bulk and counts what went; a record already gone (404) is simply not counted. */
export async function bulkDelete(
  container: Container,
  refs: readonly Ref[],
  action: string,
): Promise<number> {
  const outcomes = await runBulk(
    container,
    refs.map((ref) => ({ operationType: BulkOperationType.Delete, partitionKey: ref.projectId, id: ref.id })),
    action,
  );
  const failure = outcomes.find((error) => error && error.code !== 'NOT_FOUND');
  if (failure) throw failure;
  return outcomes.filter((error) => error === null).length;
}

/** Runs the operations and returns, in input order, null for each success and the error of each failure. */
async function runBulk(
  container: Container,
  operations: readonly OperationInput[],
  action: string,
): Promise<(AlmaError | null)[]> {
  const outcomes: (AlmaError | null)[] = operations.map(() => null);
  const queue = chunksByPartition(operations);
  const worker = async () => {
    for (let chunk = queue.shift(); chunk !== undefined; chunk = queue.shift()) {
      await runChunk(container, chunk, action, outcomes);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_CHUNKS, queue.length) }, worker));
  return outcomes;
}

function chunksByPartition(operations: readonly OperationInput[]): Planned[][] {
  const byPartition = new Map<string, Planned[]>();
  operations.forEach((input, index) => {
    const key = String(input.partitionKey);
    const planned = byPartition.get(key) ?? [];
    planned.push({ index, input });
    byPartition.set(key, planned);
  });
  return [...byPartition.values()].flatMap((planned) =>
    Array.from({ length: Math.ceil(planned.length / CHUNK) }, (_, i) =>
      planned.slice(i * CHUNK, (i + 1) * CHUNK),
    ),
  );
}

async function runChunk(
  container: Container,
  chunk: readonly Planned[],
  action: string,
  outcomes: (AlmaError | null)[],
): Promise<void> {
  let pending = chunk;
  let waited = 0;
  for (let retry = 0; ; retry++) {
    let responses: readonly (OperationResponse | undefined)[];
    try {
      // `bulk` rather than `executeBulkOperations`: the latter waits at least a second per call to
      // let batches fill up, which a store answering an agent cannot afford (decision 033).
      responses = await container.items.bulk(
        pending.map(({ input }) => input),
        { continueOnError: true },
      );
    } catch (error) {
      for (const { index } of pending) outcomes[index] = toAlmaError(error, action);
      return;
    }
    const throttled: Planned[] = [];
    let wait = 0;
    pending.forEach((planned, i) => {
      const response = responses[i];
      if (response?.statusCode === 429) {
        throttled.push(planned);
        wait = Math.max(wait, retryAfterOf(response));
      } else outcomes[planned.index] = failureOf(response, action);
    });
    if (throttled.length === 0) return;
    if (retry >= THROTTLE_RETRIES || waited + wait > THROTTLE_WAIT_MS) {
      const error = toAlmaError({ code: 429, retryAfterInMs: wait }, action);
      for (const { index } of throttled) outcomes[index] = error;
      return;
    }
    await sleep(wait);
    waited += wait;
    pending = throttled;
  }
}

function failureOf(response: OperationResponse | undefined, action: string): AlmaError | null {
  const status = response?.statusCode ?? 0;
  return status >= 200 && status < 300 ? null : toAlmaError({ code: status }, action);
}

/** The service names the wait per operation; without one, a short pause still spreads the load. */
function retryAfterOf(response: OperationResponse): number {
  const wait = (response as OperationResponse & { retryAfterMilliseconds?: unknown }).retryAfterMilliseconds;
  return typeof wait === 'number' && wait >= 0 ? wait : 100;
}
