import type { OpenedAdapter } from '@alma/connect';
import './fastify-types.js';
import { createServer } from 'node:http';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  LogController,
} from 'fastify';
import type { Logger } from 'pino';
import type { ProjectEngines } from '../engine/project-engines.js';
import { isUnparsableBody, jsonRpcParseError, registerMcpRoutes } from '../mcp/mcp-http-routes.js';
import { explorerRoutes } from '../rest/explorer-routes.js';
import { openApiDocument } from '../rest/openapi-document.js';
import { operationRoutes } from '../rest/rest-operation-routes.js';
import { recordRoutes } from '../rest/rest-record-routes.js';
import { registerRestRoutes } from '../rest/rest-route.js';
import { searchRoutes } from '../rest/rest-search-routes.js';
import { workflowRoutes } from '../rest/rest-workflow-routes.js';
import type { ServerOptions } from '../server-options.js';
import { assertGrantsProject, grantSubject } from './access-grant.js';
import { answerClientError } from './client-errors.js';
import { errorReply } from './error-reply.js';
import { registerExplorerUi } from './explorer-ui.js';
import { type Readiness, registerHealthRoutes } from './health-routes.js';
import { type AuthSettings, authenticate } from './request-auth.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';
import { registerRequestLog } from './request-log.js';
import { checkRequestOrigin } from './request-origin.js';

export interface HttpAppDeps {
  readonly options: ServerOptions;
  readonly engines: ProjectEngines;
  readonly auth: AuthSettings;
  readonly logger: Logger;
  readonly readiness: Readiness;
  readonly version: string;
  /** The store's derived vector index against its rows, for `GET …/health`; null where there is none. */
  readonly vectorHealth: OpenedAdapter['vectorHealth'];
}

/**
 * The HTTP server: REST under `/v1/projects/{projectId}`, MCP at `/mcp`, the original JSON-RPC at
 * `POST /`, health at `/healthz` and `/readyz`, and `/openapi.json`. Every other route needs a key
 * that grants the project it names; bodies are size-limited; requests are rate-limited per key.
 */
export async function buildHttpApp(deps: HttpAppDeps): Promise<FastifyInstance> {
  const { options, engines, readiness } = deps;
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    // Fastify's own request lines would log the URL with its query string: ours mask it.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimitBytes,
    genReqId: requestIdOf,
    // A project id may be 128 characters: the router must not refuse it before validation does.
    routerOptions: { maxParamLength: 512 },
    // Slow clients (a byte every few seconds) are cut off: Node checks every second.
    serverFactory: (handler) =>
      createServer(
        {
          requestTimeout: options.requestTimeoutMs,
          headersTimeout: Math.min(options.requestTimeoutMs, 10_000),
          connectionsCheckingInterval: 1_000,
        },
        handler,
      ),
    clientErrorHandler: answerClientError,
    frameworkErrors: (error, request, reply) => {
      const answer = errorReply(error, request.id);
      void (reply as unknown as FastifyReply).status(answer.status).send(answer.body);
    },
    // Idle keep-alive connections close at shutdown; busy ones finish their request first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  // JSON only: a text/plain body would reach the handlers as a string.
  app.removeContentTypeParser('text/plain');
  // JSON as Fastify parses it, except that a DELETE (or GET) announcing JSON with no body at all,
  // as Node's fetch sends it, carries no body rather than an error.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && (request.method === 'DELETE' || request.method === 'GET'))
      return done(null, undefined);
    return parseJson(request, body as string, done);
  });
  app.decorateRequest('auth', null);
  app.decorateRequest('grant', null);

  app.setErrorHandler((error, request, reply) => {
    // The original's JSON-RPC endpoint answers a body it cannot parse as JSON-RPC does: -32700.
    if (request.method === 'POST' && request.routeOptions.url === '/' && isUnparsableBody(error)) {
      return reply.status(400).send(jsonRpcParseError());
    }
    const answer = errorReply(error, request.id);
    if (answer.internal) request.log.error({ err: error }, 'request failed');
    if (answer.status === 401) void reply.header('www-authenticate', 'Bearer');
    return reply.status(answer.status).send(answer.body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(
      errorReply(
        Object.assign(new Error(`no route ${request.method} ${request.url.split('?')[0]}`), {
          statusCode: 404,
        }),
        request.id,
      ).body,
    ),
  );
  registerRequestLog(app);
  // First of all: a request for a host or from an origin the server must not serve goes no further.
  app.addHook('onRequest', async (request) => checkRequestOrigin(request, options));
  app.addHook('onSend', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    // A response finishing during shutdown closes its connection, so the server need not wait for it.
    if (!readiness.accepting) void reply.header('connection', 'close');
  });

  if (options.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...options.corsOrigins],
      allowedHeaders: [
        'authorization',
        'content-type',
        'x-api-key',
        REQUEST_ID_HEADER,
        'mcp-protocol-version',
      ],
      exposedHeaders: [REQUEST_ID_HEADER],
    });
  }
  await app.register(rateLimit, {
    max: options.rateLimit.max,
    timeWindow: options.rateLimit.windowMs,
    hook: 'onRequest',
    // Authentication runs here, first, so limits count per key, and failed attempts per address.
    keyGenerator: async (request) => {
      request.auth ??= await authenticate(request, deps.auth);
      return 'grant' in request.auth ? grantSubject(request.auth.grant) : `address:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(`rate limit of ${context.max} requests per ${context.after} exceeded; retry later`),
        {
          statusCode: context.statusCode,
        },
      ),
  });
  // preParsing: after the rate limiter's route-level onRequest hook, and before any body is read.
  app.addHook('preParsing', async (request) => {
    assertUtf8Body(request.headers['content-type']);
    if (request.routeOptions.config.public) return;
    request.auth ??= await authenticate(request, deps.auth);
    if ('refusal' in request.auth) throw request.auth.refusal;
    request.grant = request.auth.grant;
    const projectId = (request.params as { projectId?: unknown } | undefined)?.projectId;
    if (typeof projectId === 'string') assertGrantsProject(request.grant, projectId);
  });

  const routes = [
    ...operationRoutes(engines),
    ...workflowRoutes(engines),
    ...explorerRoutes(engines, deps.vectorHealth),
    ...searchRoutes(engines),
    ...recordRoutes(engines),
  ];
  const document = openApiDocument(routes, deps.version);
  registerHealthRoutes(app, engines.store, readiness);
  registerExplorerUi(app, options.uiDirectory);
  app.get('/openapi.json', { config: { public: true, rateLimit: false } }, async () => document);
  registerRestRoutes(app, routes);
  registerMcpRoutes(app, engines);
  return app;
}

/** JSON bodies are UTF-8 (RFC 8259): another declared charset is refused rather than misread. */
function assertUtf8Body(contentType: string | undefined): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return;
  throw Object.assign(new Error(`charset ${charset}`), {
    statusCode: 415,
    code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  });
}
