import { validationErrorFrom } from '@alma/core';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { errorReply } from '../http/error-reply.js';
import { listResources, readResource } from './mcp-resources.js';
import { TOOLS, toolInputSchema } from './mcp-tools.js';
import type { McpContext } from './tool-context.js';

/** The server's name and version as MCP clients see them (the original's name). */
export const MCP_SERVER_INFO = { name: 'alma-memory', version: '0.1.0' } as const;

const TOOL_LIST = TOOLS.map((definition) => ({
  name: definition.name,
  description: definition.description,
  inputSchema: toolInputSchema(definition),
}));
const TOOLS_BY_NAME = new Map(TOOLS.map((definition) => [definition.name, definition]));

/**
 * An MCP server (the official SDK's) for one caller: every transport (stdio, Streamable HTTP, the
 * original's plain JSON-RPC) connects one of these, so they answer alike.
 */
export function createMcpServer(context: McpContext): Server {
  const server = new Server(MCP_SERVER_INFO, {
    capabilities: { tools: {}, resources: {} },
    instructions:
      'ALMA is the agents’ memory: call alma_retrieve before a task and put its prompt_injection in your context; call alma_learn after it.',
  });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: TOOL_LIST }));
  server.setRequestHandler(CallToolRequestSchema, (request) =>
    callTool(context, request.params.name, request.params.arguments ?? {}),
  );
  server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: listResources(context) }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    try {
      const content = await readResource(context, request.params.uri);
      return {
        contents: [
          { uri: request.params.uri, mimeType: 'application/json', text: JSON.stringify(content, null, 2) },
        ],
      };
    } catch (error) {
      throw asMcpError(context, error);
    }
  });
  return server;
}

/** Runs one tool; the caller's mistakes and refusals come back as tool errors with a stable code. */
export async function callTool(context: McpContext, name: string, args: unknown): Promise<CallToolResult> {
  const definition = TOOLS_BY_NAME.get(name);
  if (!definition) throw rpcFailure(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
  try {
    const parsed = definition.input.safeParse(args);
    if (!parsed.success) throw validationErrorFrom(`invalid arguments for ${name}`, parsed.error);
    const result = await definition.run(parsed.data, context);
    return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }] };
  } catch (error) {
    const { code, message } = describeFailure(context, error);
    return {
      isError: true,
      content: [{ type: 'text', text: JSON.stringify({ success: false, error: message, code }) }],
    };
  }
}

function describeFailure(context: McpContext, error: unknown): { code: string; message: string } {
  const reply = errorReply(error, context.requestId);
  if (reply.internal) context.logFailure(error);
  return reply.body.error;
}

function asMcpError(context: McpContext, error: unknown): Error {
  const { code, message } = describeFailure(context, error);
  return rpcFailure(code === 'FORBIDDEN' ? -32003 : ErrorCode.InvalidParams, message, { code });
}

/**
 * A JSON-RPC error as the SDK sends it: its code, message and data. Not the SDK's McpError, whose
 * message already starts "MCP error -32602:", which the SDK's client prefixes again, so the
 * original's clients printed the code twice.
 */
function rpcFailure(code: number, message: string, data?: Record<string, unknown>): Error {
  return Object.assign(new Error(message), { code, ...(data ? { data } : {}) });
}
