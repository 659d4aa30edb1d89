import { isIP } from 'node:net';
import { ValidationError, validationErrorFrom } from '@alma/core';
import { z } from 'zod';
import { isLoopback } from './http/request-auth.js';

const MIB = 1_048_576;

const serverOptionsSchema = z.strictObject({
  /** Store URL; default: $ALMA_STORE, else the embedded SQLite store in `./.alma/`. */
  store: z.string().min(1).optional(),
  /** ALMA configuration file (agents' scopes, embedder, tuning) applied to every project. */
  config: z.string().min(1).optional(),
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port. 8765 is the original server's port. */
  port: z.number().int().min(0).max(65_535).default(8765),
  /** The API key file; relative paths are resolved against the working directory. */
  keysFile: z.string().min(1).default('.alma/keys.json'),
  /** Serve requests without a key, as if they held every project; only on a loopback address. */
  insecureLocal: z.boolean().default(false),
  /** The project of a keyless (local) call that names none. */
  defaultProject: z.string().min(1).default('default'),
  /** Largest request body; anything bigger is refused with 413 before it is parsed. */
  bodyLimitBytes: z
    .number()
    .int()
    .min(1_024)
    .max(64 * MIB)
    .default(MIB),
  rateLimit: z
    .strictObject({
      /** Requests per key (per client address without a key) in each window. */
      max: z.number().int().min(1).max(10_000_000).default(600),
      windowMs: z.number().int().min(1_000).max(3_600_000).default(60_000),
    })
    .prefault({}),
  /** Origins allowed by CORS; empty (the default): no CORS headers at all. */
  corsOrigins: z.array(z.url()).default([]),
  /** Host names the server answers to (the Host header); empty: any. Keyless mode: loopback names only. */
  allowedHosts: z.array(z.string().min(1).max(253).toLowerCase()).default([]),
  /** How long a client has to send a whole request, headers and body; slower ones get 408. */
  requestTimeoutMs: z.number().int().min(1_000).max(600_000).default(30_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The explorer's built files (apps/explorer/dist), served at /ui; null: /ui says it is not built. */
  uiDirectory: z.string().min(1).nullable().default(null),
  /** How long a shutdown waits for in-flight requests before it closes their connections. */
  shutdownTimeoutMs: z.number().int().min(0).max(600_000).default(10_000),
});

export type ServerOptionsInput = z.input<typeof serverOptionsSchema>;
/** The server's configuration: validated once at the edge, then frozen. */
export type ServerOptions = Readonly<z.output<typeof serverOptionsSchema>>;

/**
 * Validates server options. Keyless mode takes `localhost` or a loopback IP address only: a name is
 * not looked up here, so `127.evil.example` cannot pass for loopback (`alma serve` resolves names
 * first, checks every address, and passes the one it checked).
 */
export function parseServerOptions(input: ServerOptionsInput = {}): ServerOptions {
  const result = serverOptionsSchema.safeParse(input);
  if (!result.success) throw validationErrorFrom('invalid server options', result.error);
  const { host, insecureLocal } = result.data;
  if (insecureLocal && !isLoopbackLiteral(host)) {
    throw new ValidationError(
      `--insecure-local serves without keys, so only on a loopback address (localhost, 127.0.0.1, ::1), not ${host}`,
      { details: { host } },
    );
  }
  return Object.freeze({
    ...result.data,
    rateLimit: Object.freeze(result.data.rateLimit),
    corsOrigins: Object.freeze(result.data.corsOrigins) as string[],
  });
}

/** `localhost`, or an IP address in 127.0.0.0/8 or ::1 (also IPv4-mapped): loopback without a lookup. */
function isLoopbackLiteral(host: string): boolean {
  return host === 'localhost' || (isIP(host) !== 0 && isLoopback(host));
}
