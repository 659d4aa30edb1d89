import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs (pino) on stderr: stdout stays free for results and, over stdio, for the
 * protocol itself. Keys never appear: the headers that carry them are redacted.
 */
export function createServerLogger(
  level: string,
  destination: DestinationStream = pino.destination(2),
): Logger {
  return pino(
    {
      level,
      base: { service: 'alma-server' },
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
    },
    destination,
  );
}
