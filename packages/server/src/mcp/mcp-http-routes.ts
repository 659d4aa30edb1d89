import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  ErrorCode,
  isJSONRPCNotification,
  isJSONRPCRequest,
  LATEST_PROTOCOL_VERSION,
} from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProjectEngines } from '../engine/project-engines.js';
import { REQUEST_ID_HEADER } from '../http/request-id.js';
import { createMcpServer } from './mcp-server.js';
import { OneShotTransport } from './one-shot-transport.js';
import { deniedProject } from './project-gate.js';
import type { McpContext } from './tool-context.js';

/** Insufficient permissions, in JSON-RPC's range of server-defined errors. */
const FORBIDDEN = -32003;

/**
 * MCP over Streamable HTTP at `/mcp`, stateless (a fresh SDK server per request, JSON responses, no
 * sessions or SSE streams), and the original server's plain JSON-RPC at `POST /`.
 */
export function registerMcpRoutes(app: FastifyInstance, engines: ProjectEngines): void {
  app.post('/mcp', async (request, reply) => {
    if (refuseOtherProject(request, reply)) return reply;
    const server = createMcpServer(contextOf(request, engines));
    // Without a session id generator the transport is stateless: every POST stands alone.
    const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true });
    reply.hijack();
    reply.raw.setHeader(REQUEST_ID_HEADER, request.id);
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request.raw, reply.raw, request.body);
    } catch (error) {
      // The reply is hijacked, so Fastify's error handler cannot answer for us.
      request.log.error({ err: error }, 'MCP request failed');
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(
          JSON.stringify(rpcError(null, ErrorCode.InternalError, `internal error; request ${request.id}`)),
        );
      }
    }
    return reply;
  });

  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method,
      url: '/mcp',
      handler: (_request, reply) =>
        reply
          .status(405)
          .header('allow', 'POST')
          .send(
            rpcError(null, ErrorCode.ConnectionClosed, 'this server is stateless: POST each message to /mcp'),
          ),
    });
  }

  app.post('/', async (request, reply) => {
    if (refuseOtherProject(request, reply)) return reply;
    const message = legacyMessage(request.body);
    if (message === null) {
      return reply
        .status(400)
        .send(rpcError(null, ErrorCode.InvalidRequest, 'expected one JSON-RPC request object'));
    }
    const server = createMcpServer(contextOf(request, engines));
    const transport = new OneShotTransport();
    await server.connect(transport);
    try {
      if (isJSONRPCNotification(message)) {
        transport.notify(message);
        return reply.status(202).send();
      }
      if (!isJSONRPCRequest(message)) {
        return reply
          .status(400)
          .send(rpcError(null, ErrorCode.InvalidRequest, 'expected one JSON-RPC request object'));
      }
      const response = namingUnknownMethod(
        await transport.request(withInitializeDefaults(message)),
        message.method,
      );
      const hadId = (request.body as { id?: unknown }).id !== undefined;
      return reply.send(hadId ? response : { ...response, id: null });
    } finally {
      await server.close();
    }
  });
}

function contextOf(request: FastifyRequest, engines: ProjectEngines): McpContext {
  return {
    engines,
    grant: request.grant!,
    requestId: request.id,
    logFailure: (error) => request.log.error({ err: error }, 'MCP call failed'),
  };
}

function refuseOtherProject(request: FastifyRequest, reply: FastifyReply): boolean {
  const project = deniedProject(request.grant!, request.body);
  if (project === null) return false;
  const id = (request.body as { id?: unknown } | null)?.id;
  void reply.status(403).send(
    rpcError(
      typeof id === 'string' || typeof id === 'number' ? id : null,
      FORBIDDEN,
      `this API key does not grant project '${project}'`,
      {
        code: 'FORBIDDEN',
        requestId: request.id,
      },
    ),
  );
  return true;
}

/**
 * The original accepted `initialize` with any params, `{}` included; the SDK requires the
 * protocol's fields, and answered a bare `{}` with -32603 and a validation dump. Missing fields get
 * the values an old client means: the current protocol, no capabilities, an unnamed client.
 */
function withInitializeDefaults<M extends { method: string; params?: unknown }>(message: M): M {
  if (message.method !== 'initialize') return message;
  const params = (
    typeof message.params === 'object' && message.params !== null ? message.params : {}
  ) as Record<string, unknown>;
  return {
    ...message,
    params: {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'unnamed client', version: '0' },
      ...params,
    },
  };
}

/** The SDK's "Method not found" does not say which: the original's clients log the message alone. */
function namingUnknownMethod<R extends object>(response: R, method: string): R {
  const error = (response as { error?: { code: number; message: string } }).error;
  if (error?.code !== ErrorCode.MethodNotFound) return response;
  return { ...response, error: { ...error, message: `Method not found: ${method}` } };
}

/**
 * The original's clients post `{ method, params, id }`, sometimes without `jsonrpc`; a request
 * without an id was still answered (with `id: null`), so it gets one here.
 */
function legacyMessage(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const message = body as Record<string, unknown>;
  if (typeof message.method !== 'string') return null;
  const isNotification = message.method.startsWith('notifications/');
  return {
    ...message,
    jsonrpc: '2.0',
    ...(isNotification || message.id !== undefined ? {} : { id: 0 }),
  };
}

/** Fastify's refusals of a body that is not JSON at all. */
const UNPARSABLE = new Set([
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
  'FST_ERR_CTP_INVALID_MEDIA_TYPE',
]);

export function isUnparsableBody(error: unknown): boolean {
  return UNPARSABLE.has(String((error as { code?: unknown } | null)?.code));
}

/** JSON-RPC's answer to a message it cannot parse. */
export function jsonRpcParseError() {
  return rpcError(null, ErrorCode.ParseError, 'Parse error: the body is not a JSON-RPC message in JSON');
}

function rpcError(id: string | number | null, code: number, message: string, data?: Record<string, unknown>) {
  return { jsonrpc: '2.0', id, error: { code, message, ...(data ? { data } : {}) } };
}
