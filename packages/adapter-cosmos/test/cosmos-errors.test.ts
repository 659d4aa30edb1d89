import { toAlmaError } from '@alma/adapter-cosmos';
import { AlmaError, type ErrorCode, ValidationError } from '@alma/core';
import { ErrorResponse, RestError, TimeoutError } from '@azure/cosmos';
import { describe, expect, it } from 'vitest';

/** An error as the SDK raises it for an HTTP answer. */
function answered(status: number, extra: Record<string, unknown> = {}): ErrorResponse {
  return Object.assign(new ErrorResponse(`status ${status}`), { code: status, ...extra });
}

describe('Cosmos DB failures map to the core error family', () => {
  it.each<[string, unknown, ErrorCode, string, boolean]>([
    ['404 not found', answered(404), 'NOT_FOUND', 'does not exist', false],
    ['409 conflict', answered(409), 'CONFLICT', 'already exists', false],
    ['412 precondition failed', answered(412), 'CONFLICT', 'changed concurrently', false],
    ['413 entity too large', answered(413), 'VALIDATION', '2 MB', false],
    ['429 throttled', answered(429, { retryAfterInMs: 250, substatus: 3200 }), 'STORAGE', 'throttled', true],
    ['449 retry with', answered(449), 'CONFLICT', 'collided', true],
    ['400 bad request', answered(400), 'STORAGE', 'malformed', false],
    ['401 unauthorised', answered(401), 'STORAGE', 'credentials', false],
    ['403 forbidden', answered(403), 'STORAGE', 'credentials', false],
    ['408 timeout', answered(408), 'STORAGE', '408', true],
    ['503 unavailable', answered(503), 'STORAGE', '503', true],
    [
      'connection refused',
      new RestError('connect ECONNREFUSED', { code: 'ECONNREFUSED' }),
      'STORAGE',
      'cannot reach',
      true,
    ],
    [
      'connection reset',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      'STORAGE',
      'cannot reach',
      true,
    ],
    [
      'unknown host',
      Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }),
      'STORAGE',
      'cannot reach',
      true,
    ],
    ['SDK timeout', new TimeoutError('took too long'), 'STORAGE', 'cannot reach', true],
    ['anything else', new Error('boom'), 'STORAGE', 'client failed', false],
  ])('%s → %s', (_label, error, code, phrase, retryable) => {
    const mapped = toAlmaError(error, 'writing heuristic x');
    expect(mapped).toBeInstanceOf(AlmaError);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toContain('writing heuristic x');
    expect(mapped.message).toContain(phrase);
    expect(mapped.cause).toBe(error);
    expect(mapped.details.retryable).toBe(retryable);
  });

  it('keeps what the service said about a throttled request', () => {
    const mapped = toAlmaError(
      answered(429, { retryAfterInMs: 250, substatus: 3200, activityId: 'a-1' }),
      'x',
    );
    expect(mapped.details).toMatchObject({
      status: 429,
      substatus: 3200,
      retryAfterMs: 250,
      activityId: 'a-1',
    });
  });

  it('passes AlmaErrors through unchanged', () => {
    const original = new ValidationError('bad');
    expect(toAlmaError(original, 'x')).toBe(original);
    expect(toAlmaError('not even an error', 'x').code).toBe('STORAGE');
  });
});
