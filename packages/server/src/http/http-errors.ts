/** An HTTP-level refusal that has no counterpart in the core's error codes: authentication and access. */
export class AccessError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: 'UNAUTHORIZED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
    this.name = 'AccessError';
  }
}

/** No key, or a key the server does not know (unknown, revoked or malformed). */
export function unauthorized(message = 'an API key is required: Authorization: Bearer <key>'): AccessError {
  return new AccessError(401, 'UNAUTHORIZED', message);
}

/** A valid key that does not grant the project asked for. */
export function forbidden(projectId: string): AccessError {
  return new AccessError(403, 'FORBIDDEN', `this API key does not grant project '${projectId}'`);
}
