import { AlmaError, type ErrorCode } from '@alma/core';
import { AccessError } from './http-errors.js';

/** The one error shape of every response: a stable code, a message for people, and the request to quote. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: Readonly<Record<string, unknown>>;
    readonly requestId: string;
  };
}

export interface ErrorReply {
  readonly status: number;
  readonly body: ErrorBody;
  /** A server-side failure: logged with its stack; the client sees only a generic message. */
  readonly internal: boolean;
}

const STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SCOPE_VIOLATION: 403,
  UNSUPPORTED: 501,
  STORE_LOCKED: 503,
  DIMENSION_MISMATCH: 500,
  CORRUPT_DATA: 500,
  MIGRATION_STATE: 503,
  STORAGE: 503,
};

/** Codes whose message speaks of the caller's request; the others come from the store and may quote it. */
const CALLER_CODES: ReadonlySet<ErrorCode> = new Set([
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'SCOPE_VIOLATION',
  'UNSUPPORTED',
]);

/** Fastify's own refusals of a request, by its error code: what the caller sees instead. */
const FASTIFY_CODES: Readonly<Record<string, { readonly code: string; readonly message: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION', message: 'the body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION', message: 'the body is empty; send a JSON object' },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: 'the body is larger than the server accepts',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'send the body as application/json in UTF-8',
  },
  FST_ERR_BAD_URL: { code: 'VALIDATION', message: 'the URL is not valid' },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'VALIDATION',
    message: 'a part of the path is longer than the server accepts',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'VALIDATION',
    message: 'the Content-Length header does not match the body',
  },
};

/**
 * Turns any error into a response. Nothing of a driver, a query or a stack ever reaches the client:
 * store failures and bugs get a generic message that names the request id to find in the log.
 */
export function errorReply(error: unknown, requestId: string): ErrorReply {
  if (error instanceof AccessError) return reply(error.status, error.code, error.message, requestId);
  if (error instanceof AlmaError) {
    const status = STATUS_OF_CODE[error.code];
    if (!CALLER_CODES.has(error.code)) {
      const message = `the store could not complete the request (${error.code}); the server log has request ${requestId}`;
      return { ...reply(status, error.code, message, requestId), internal: true };
    }
    return reply(status, error.code, error.message, requestId, detailsOf(error));
  }
  const status = statusOf(error);
  if (status === 429) return reply(429, 'RATE_LIMITED', messageOf(error), requestId);
  if (status !== null && status >= 400 && status < 500) {
    const known = FASTIFY_CODES[codeOf(error)];
    if (known) return reply(status, known.code, known.message, requestId);
    const code = status === 404 ? 'NOT_FOUND' : status === 405 ? 'METHOD_NOT_ALLOWED' : 'VALIDATION';
    return reply(status, code, messageOf(error), requestId);
  }
  return {
    ...reply(
      500,
      'INTERNAL',
      `unexpected server failure; the server log has request ${requestId}`,
      requestId,
    ),
    internal: true,
  };
}

function reply(
  status: number,
  code: string,
  message: string,
  requestId: string,
  details?: Readonly<Record<string, unknown>>,
): ErrorReply {
  const body = { error: { code, message, ...(details ? { details } : {}), requestId } };
  return { status, body, internal: false };
}

/** Details are kept when they survive JSON (they are plain data by contract) and say something. */
function detailsOf(error: AlmaError): Readonly<Record<string, unknown>> | undefined {
  if (Object.keys(error.details).length === 0) return undefined;
  try {
    return JSON.parse(JSON.stringify(error.details)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function statusOf(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : null;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
