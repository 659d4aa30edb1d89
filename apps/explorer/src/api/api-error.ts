/** A refusal of the server (its `{ error: { code, message, requestId } }` body), or no answer at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** What people read: `FORBIDDEN — this key does not grant project x`. */
  get summary(): string {
    return `${this.code} — ${this.message}`;
  }
}

interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly requestId?: string };
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** The error of a non-2xx response; a body that is not the server's shape (a proxy's page) keeps the status. */
export function apiErrorOf(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    return new ApiError(status, body.error.code, body.error.message, body.error.requestId ?? null);
  }
  const text = typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 200) : 'no details';
  return new ApiError(status, `HTTP_${status}`, text, null);
}

/** The server could not be reached at all. */
export function networkError(cause: unknown): ApiError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ApiError(0, 'NETWORK', `the server could not be reached (${reason})`, null);
}

/** Anything a call threw, as an ApiError (a bug in the app shows as CLIENT, not as a blank view). */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'CLIENT', error instanceof Error ? error.message : String(error), null);
}
