import { randomUUID } from 'node:crypto';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { ServerDeps } from '../alma-server.js';
import { ProjectEngines } from '../engine/project-engines.js';
import { openConfiguredStore } from '../engine/server-store.js';
import { createServerLogger } from '../server-logger.js';
import { createMcpServer } from './mcp-server.js';

export interface StdioOptions {
  readonly store?: string;
  readonly config?: string;
  /** The project of calls that name none (`project_id`); default: the configuration's, else "default". */
  readonly project?: string;
  readonly logLevel?: string;
  /** Aborting it closes the server (a signal handler's doing). */
  readonly signal?: AbortSignal;
}

/**
 * Serves MCP over stdin/stdout, for an agent that spawns the server (Claude Code's `.mcp.json`).
 * No key: whoever can spawn the process can open the store itself. Resolves when stdin closes and
 * the store is closed.
 */
export async function serveStdio(options: StdioOptions = {}, deps: ServerDeps = {}): Promise<void> {
  const cwd = deps.cwd ?? process.cwd();
  const env = deps.env ?? process.env;
  const logger = createServerLogger(options.logLevel ?? 'info', deps.logDestination);
  const { config, opened } = await openConfiguredStore({
    url: options.store,
    configFile: options.config ?? env.ALMA_CONFIG,
    cwd,
    env,
    ...(deps.embedder ? { embedder: deps.embedder } : {}),
    ...(deps.telemetry ? { telemetry: deps.telemetry } : {}),
  });
  const defaultProject = options.project ?? config?.projectId ?? env.ALMA_PROJECT ?? 'default';
  const server = createMcpServer({
    engines: new ProjectEngines(opened.store, opened.embedder, config),
    grant: { kind: 'local', defaultProject },
    requestId: `stdio-${randomUUID()}`,
    logFailure: (error) => logger.error({ err: error }, 'MCP call failed'),
  });
  const closed = new Promise<void>((done) => {
    server.onclose = () => done();
  });
  // The SDK's transport does not notice the end of stdin: the client has gone, so the server goes too.
  process.stdin.once('end', () => void server.close());
  options.signal?.addEventListener('abort', () => void server.close(), { once: true });
  await server.connect(new StdioServerTransport());
  logger.info({ store: opened.description, project: defaultProject }, 'ALMA MCP server on stdio');
  await closed;
  await opened.close();
}
