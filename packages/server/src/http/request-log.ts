import type { FastifyInstance } from 'fastify';

/**
 * A URL fit for a log line: the path, and each query parameter with its value masked. A key sent
 * as `?api_key=…` is refused, but it would otherwise be written in full to every request's log.
 */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => `${pair.split('=')[0]}=***`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

/**
 * The request log Fastify would write, with the URL made loggable: one line when a request comes
 * in, one when it completes (status and time), both carrying the request id.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    request.log.info(
      { req: { method: request.method, url: loggableUrl(request.url), remoteAddress: request.ip } },
      'incoming request',
    );
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime },
      'request completed',
    );
  });
}
