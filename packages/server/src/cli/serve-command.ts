import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { defaultExplorerDirectory } from './explorer-directory.js';
import { DEFAULT_KEYS_FILE } from './keys-command.js';
import { listenFailureOf } from './listen-failure.js';
import { loopbackHost } from './loopback-host.js';

export { ListenFailure, type ListenFailureCode } from './listen-failure.js';

interface ServeFlags {
  readonly store?: string;
  readonly config?: string;
  readonly host: string;
  readonly port: number;
  readonly keys?: string;
  readonly insecureLocal: boolean;
  readonly stdio: boolean;
  readonly project?: string;
  readonly rateLimit?: number;
  readonly bodyLimit?: number;
  readonly cors?: string[];
  readonly logLevel: string;
  readonly workers: number;
  readonly allowedHost?: string[];
  readonly ui?: string;
  readonly open: boolean;
}

function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return number;
  };
}

/**
 * `alma serve`: the HTTP API and MCP server over one store (or MCP over stdio with `--stdio`).
 * Runs until SIGINT or SIGTERM, then finishes in-flight requests and closes the store. An address it
 * cannot take is a ListenFailure (port in use, unknown host). Fastify and the MCP SDK are loaded when
 * the command runs, so registering it (every `alma --help`) costs nothing.
 */
export function registerServeCommand(program: Command, write: (text: string) => void): void {
  program
    .command('serve')
    .description(
      'serve the REST API and MCP (Streamable HTTP at /mcp, the original JSON-RPC at POST /), or MCP over stdio',
    )
    .option('--store <url>', 'store URL (default: $ALMA_STORE, else SQLite in ./.alma/)')
    .option(
      '--config <file>',
      'ALMA configuration (agents’ scopes, embedder) for every project (default: $ALMA_CONFIG)',
    )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', wholeNumber(0, 65_535), 8765)
    .option('--keys <file>', `API key file (default: $ALMA_KEYS_FILE, else ${DEFAULT_KEYS_FILE})`)
    .option(
      '--insecure-local',
      'serve requests without a key, for local development; loopback addresses only',
      false,
    )
    .option(
      '--stdio',
      'serve MCP over stdin/stdout instead of HTTP (no key: for an agent that spawns the server)',
      false,
    )
    .option('--project <id>', 'project of keyless calls that name none (default: "default")')
    .option('--rate-limit <n>', 'requests per minute per key (default 600)', wholeNumber(1, 10_000_000))
    .option(
      '--body-limit <bytes>',
      'largest request body (default 1 MiB)',
      wholeNumber(1_024, 64 * 1_048_576),
    )
    .option('--cors <origin...>', 'allow these browser origins (CORS is off without this)')
    .option(
      '--allowed-host <name...>',
      'answer only to these host names (the Host header; default: any, loopback only with --insecure-local)',
    )
    .option(
      '--workers <n>',
      'server processes sharing the port (PostgreSQL and Cosmos DB stores; rate limits count per process)',
      wholeNumber(1, 64),
      1,
    )
    .option(
      '--ui <dir>',
      'the explorer’s built files, served at /ui (default: apps/explorer/dist when built)',
    )
    .option('--open', 'print the explorer’s address (/ui) once listening', false)
    .addOption(
      new Option('--log-level <level>', 'log level')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info'),
    )
    .action(async (flags: ServeFlags) => {
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        if (flags.stdio) {
          const { serveStdio } = await import('../mcp/mcp-stdio.js');
          await serveStdio({
            ...(flags.store ? { store: flags.store } : {}),
            ...(flags.config ? { config: flags.config } : {}),
            ...(flags.project ? { project: flags.project } : {}),
            logLevel: flags.logLevel,
            signal: stop.signal,
          });
          return;
        }
        const host = flags.insecureLocal ? await loopbackHost(flags.host) : flags.host;
        const workers = await import('./serve-workers.js');
        if (flags.workers > 1 && !workers.isServeWorker()) {
          workers.checkSharedStore(flags.store ?? process.env.ALMA_STORE, flags.workers);
          const { prepareServerStore } = await import('../alma-server.js');
          await prepareServerStore({
            ...(flags.store ? { store: flags.store } : {}),
            ...(flags.config ? { config: flags.config } : {}),
            keysFile: flags.keys ?? process.env.ALMA_KEYS_FILE ?? DEFAULT_KEYS_FILE,
          });
          await workers.superviseWorkers(flags.workers, stop.signal, (url) =>
            write(
              `ALMA server listening on ${url} with ${flags.workers} workers (REST: /v1, MCP: /mcp, OpenAPI: /openapi.json)\n`,
            ),
          );
          return;
        }
        const { startServer } = await import('../alma-server.js');
        const server = await startServer({
          ...(flags.store ? { store: flags.store } : {}),
          ...(flags.config ? { config: flags.config } : {}),
          host,
          port: flags.port,
          keysFile: flags.keys ?? process.env.ALMA_KEYS_FILE ?? DEFAULT_KEYS_FILE,
          insecureLocal: flags.insecureLocal,
          ...(flags.project ? { defaultProject: flags.project } : {}),
          ...(flags.rateLimit ? { rateLimit: { max: flags.rateLimit } } : {}),
          ...(flags.bodyLimit ? { bodyLimitBytes: flags.bodyLimit } : {}),
          ...(flags.cors ? { corsOrigins: flags.cors } : {}),
          ...(flags.allowedHost ? { allowedHosts: flags.allowedHost } : {}),
          logLevel: flags.logLevel as 'info',
          uiDirectory: flags.ui ? resolve(flags.ui) : defaultExplorerDirectory(),
        }).catch((error: unknown) => {
          throw listenFailureOf(error, host, flags.port) ?? error;
        });
        if (workers.isServeWorker()) workers.reportListening(server.url);
        else write(`ALMA server listening on ${server.url} (REST: /v1, MCP: /mcp, OpenAPI: /openapi.json)\n`);
        if (flags.open && !workers.isServeWorker()) write(`explorer: ${server.url}/ui/\n`);
        // A signal may have come while the store was opening: then the server stops at once.
        if (!stop.signal.aborted) {
          await new Promise<void>((done) =>
            stop.signal.addEventListener('abort', () => done(), { once: true }),
          );
        }
        await server.close();
        workers.leaveWorkers();
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
