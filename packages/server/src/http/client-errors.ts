import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { ErrorBody } from './error-reply.js';

/** Node's refusals of a request it could not even parse, by its error code. */
const CLIENT_ERRORS: Readonly<Record<string, { status: number; reason: string; message: string }>> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    message: 'the request did not arrive in time',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    message: 'the request headers are larger than the server accepts',
  },
};

/**
 * Answers a request Node could not parse (malformed HTTP, headers too large, a body that never
 * finished) in the documented error shape instead of Node's bare `400 Bad Request`, then closes the
 * connection. There is no request yet, so the id is new; nothing of the input is echoed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const known = CLIENT_ERRORS[error.code ?? ''];
  const status = known?.status ?? 400;
  const body: ErrorBody = {
    error: {
      code: status === 408 ? 'REQUEST_TIMEOUT' : 'VALIDATION',
      message: known?.message ?? 'the request is not valid HTTP',
      requestId: randomUUID(),
    },
  };
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${known?.reason ?? 'Bad Request'}\r\n` +
      'content-type: application/json; charset=utf-8\r\n' +
      `content-length: ${Buffer.byteLength(text)}\r\n` +
      'connection: close\r\n\r\n' +
      text,
  );
}
