import { ApiError, apiErrorOf, networkError } from './api-error.js';

/** What an openapi-fetch call resolves to. */
interface FetchResult<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * The body of a successful call, or an ApiError carrying the server's code. An aborted call
 * rethrows its AbortError, which callers that cancel ignore.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    if (isAbort(cause) || cause instanceof ApiError) throw cause;
    throw networkError(cause);
  }
  if (!result.response.ok || result.error !== undefined)
    throw apiErrorOf(result.response.status, result.error);
  // openapi-fetch leaves `data` undefined for an empty body only; every route called here answers JSON.
  return result.data as T;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
