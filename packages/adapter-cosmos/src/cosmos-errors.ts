import { AlmaError, ConflictError, NotFoundError, StorageError, ValidationError } from '@alma/core';

/** Node and SDK codes of requests that never got an answer: the endpoint is unreachable or timed out. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
  'TimeoutError',
]);

/** Statuses worth retrying later: throttled, timed out, or the service briefly unavailable. */
const RETRYABLE_STATUSES = new Set([408, 410, 429, 449, 500, 503]);

interface CosmosFailure {
  readonly code?: unknown;
  readonly substatus?: unknown;
  readonly retryAfterInMs?: unknown;
  readonly activityId?: unknown;
  readonly name?: unknown;
}

/**
 * Maps a Cosmos DB failure to the core's error family, keeping the original as `cause`. `details`
 * carries the HTTP status, the substatus, whether a retry may help and how long the service asked to wait.
 */
export function toAlmaError(error: unknown, action: string): AlmaError {
  if (error instanceof AlmaError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as CosmosFailure;
  const status = typeof failure.code === 'number' ? failure.code : null;
  const code = typeof failure.code === 'string' ? failure.code : null;
  const options = {
    cause: error,
    details: {
      status,
      substatus: typeof failure.substatus === 'number' ? failure.substatus : null,
      retryable: status === null ? isNetworkFailure(failure, code) : RETRYABLE_STATUSES.has(status),
      retryAfterMs: typeof failure.retryAfterInMs === 'number' ? failure.retryAfterInMs : null,
      activityId: typeof failure.activityId === 'string' ? failure.activityId : null,
    },
  };
  if (status === null) {
    const reason = isNetworkFailure(failure, code)
      ? `cannot reach the Cosmos DB endpoint (${code ?? String(failure.name)})`
      : 'the Cosmos DB client failed';
    return new StorageError(`${action}: ${reason}`, options);
  }
  switch (status) {
    case 404:
      return new NotFoundError(`${action}: the resource does not exist`, options);
    case 409:
      return new ConflictError(`${action}: a resource with this id already exists`, options);
    case 412:
      return new ConflictError(`${action}: the document changed concurrently (precondition failed)`, options);
    case 413:
      return new ValidationError(`${action}: the document is larger than Cosmos DB's 2 MB limit`, options);
    case 429:
      return new StorageError(`${action}: request rate too large (throttled); retry later`, options);
    case 449:
      return new ConflictError(`${action}: concurrent writes collided; retry`, options);
    case 400:
      return new StorageError(`${action}: Cosmos DB rejected the request as malformed`, options);
    case 401:
    case 403:
      return new StorageError(`${action}: Cosmos DB refused the credentials or the operation`, options);
    default:
      return new StorageError(`${action}: Cosmos DB answered with status ${status}`, options);
  }
}

function isNetworkFailure(failure: CosmosFailure, code: string | null): boolean {
  return (code !== null && NETWORK_CODES.has(code)) || failure.name === 'AbortError';
}

/** The HTTP status of a Cosmos failure, or null when it has none (network, client). */
export function statusOf(error: unknown): number | null {
  const code = (error as CosmosFailure | null)?.code;
  return typeof code === 'number' ? code : null;
}

/** Runs one Cosmos step and rethrows any failure as an AlmaError. */
export async function guard<T>(action: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw toAlmaError(error, action);
  }
}
