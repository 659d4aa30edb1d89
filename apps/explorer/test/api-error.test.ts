import { describe, expect, it } from 'vitest';
import { apiErrorOf, asApiError, networkError } from '../src/api/api-error.js';

describe('apiErrorOf', () => {
  it('keeps the server’s code, message and request id', () => {
    const error = apiErrorOf(403, {
      error: { code: 'FORBIDDEN', message: 'this key does not grant project x', requestId: 'req-1' },
    });
    expect([error.status, error.code, error.requestId]).toEqual([403, 'FORBIDDEN', 'req-1']);
    expect(error.summary).toBe('FORBIDDEN — this key does not grant project x');
  });

  it('names the status of a body that is not the server’s shape', () => {
    expect(apiErrorOf(502, '<html>Bad gateway</html>').summary).toBe('HTTP_502 — <html>Bad gateway</html>');
    expect(apiErrorOf(404, undefined).summary).toBe('HTTP_404 — no details');
    expect(apiErrorOf(500, { error: 'boom' }).code).toBe('HTTP_500');
  });

  it('tells an unreachable server and a bug apart from refusals', () => {
    expect(networkError(new TypeError('Failed to fetch')).code).toBe('NETWORK');
    expect(asApiError(new Error('oops')).summary).toBe('CLIENT — oops');
  });
});
