import { resolve } from 'node:path';
import { type Embedder, type TelemetryOptions, ValidationError } from '@alma/core';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import { ProjectEngines } from './engine/project-engines.js';
import { openConfiguredStore, type ServerStore } from './engine/server-store.js';
import type { Readiness } from './http/health-routes.js';
import { buildHttpApp } from './http/http-app.js';
import { isLoopback } from './http/request-auth.js';
import { KeyRing } from './keys/key-ring.js';
import { createServerLogger } from './server-logger.js';
import { parseServerOptions, type ServerOptions, type ServerOptionsInput } from './server-options.js';

export const SERVER_VERSION = '0.1.0';

/** What a program embedding the server may supply beyond its options. */
export interface ServerDeps {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Overrides the embedder the configuration or the store names. */
  readonly embedder?: Embedder;
  /** Where the JSON logs go (default: stderr). */
  readonly logDestination?: DestinationStream;
  /** OpenTelemetry providers for the store's spans and metrics (default: the global ones). */
  readonly telemetry?: TelemetryOptions;
  /** How often the key file is looked at for changes (default 1 s). */
  readonly keyRecheckMs?: number;
}

/** A listening server. */
export interface RunningServer {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  readonly options: ServerOptions;
  readonly app: FastifyInstance;
  readonly logger: Logger;
  /** Stops taking requests, lets in-flight ones finish (up to `shutdownTimeoutMs`), then closes the store. */
  close(): Promise<void>;
}

/**
 * Opens the store and starts the HTTP server (REST, MCP, the original JSON-RPC).
 * @example const server = await startServer({ store: 'sqlite:./alma.db', port: 8765 });
 */
export async function startServer(
  input: ServerOptionsInput = {},
  deps: ServerDeps = {},
): Promise<RunningServer> {
  const options = parseServerOptions(input);
  if (options.insecureLocal && !isLoopback(options.host)) {
    throw new ValidationError(
      `--insecure-local serves without keys, so only on a loopback address, not ${options.host}`,
    );
  }
  const cwd = deps.cwd ?? process.cwd();
  const env = deps.env ?? process.env;
  const logger = createServerLogger(options.logLevel, deps.logDestination);
  const keys = await KeyRing.open(resolve(cwd, options.keysFile), deps.keyRecheckMs);
  const { config, opened } = await openConfiguredStore({
    url: options.store,
    configFile: options.config ?? env.ALMA_CONFIG,
    cwd,
    env,
    ...(deps.embedder ? { embedder: deps.embedder } : {}),
    ...(deps.telemetry ? { telemetry: deps.telemetry } : {}),
  });
  const readiness: Readiness = { accepting: true };
  let app: FastifyInstance;
  try {
    app = await buildHttpApp({
      options,
      engines: new ProjectEngines(opened.store, opened.embedder, config),
      auth: { keys, insecureLocal: options.insecureLocal, defaultProject: options.defaultProject },
      logger,
      readiness,
      version: SERVER_VERSION,
      vectorHealth: opened.vectorHealth,
    });
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await opened.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  logger.info(
    {
      url,
      store: opened.description,
      embedder: opened.embedder.id,
      keys: keys.size,
      insecureLocal: options.insecureLocal,
    },
    'ALMA server listening',
  );
  if (keys.size === 0 && !options.insecureLocal) {
    logger.warn(
      `no API keys in ${keys.file}: every request will get 401; create one with: pnpm alma keys create --project <id>`,
    );
  }
  return {
    url,
    port,
    options,
    app,
    logger,
    close: once(() => shutDown(app, opened, readiness, options, logger)),
  };
}

async function shutDown(
  app: FastifyInstance,
  opened: ServerStore,
  readiness: Readiness,
  options: ServerOptions,
  logger: Logger,
): Promise<void> {
  readiness.accepting = false;
  logger.info('shutting down: finishing in-flight requests');
  const deadline = setTimeout(() => app.server.closeAllConnections(), options.shutdownTimeoutMs);
  deadline.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
    await opened.close();
    logger.info('store closed; server stopped');
  }
}

/**
 * Opens the store the server would open and closes it again: migrations applied, indexes built.
 * `alma serve --workers` runs it once before forking, so the workers start on a prepared store
 * instead of all racing to migrate it.
 */
export async function prepareServerStore(
  input: ServerOptionsInput = {},
  deps: ServerDeps = {},
): Promise<void> {
  const options = parseServerOptions(input);
  const cwd = deps.cwd ?? process.cwd();
  const env = deps.env ?? process.env;
  const { opened } = await openConfiguredStore({
    url: options.store,
    configFile: options.config ?? env.ALMA_CONFIG,
    cwd,
    env,
    ...(deps.embedder ? { embedder: deps.embedder } : {}),
  });
  await opened.close();
}

function once(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => {
    running ??= work();
    return running;
  };
}
