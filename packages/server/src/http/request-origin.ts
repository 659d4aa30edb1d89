import type { FastifyRequest } from 'fastify';
import { AccessError } from './http-errors.js';
import { isLoopback } from './request-auth.js';

/** Which names and browser origins may reach the server. */
export interface OriginSettings {
  /** Keyless mode: only loopback names in Host and Origin, whatever else is configured. */
  readonly insecureLocal: boolean;
  /** Host names the server answers to; empty: any (a key is required for every project then). */
  readonly allowedHosts: readonly string[];
  /** Browser origins allowed to call (CORS); a request from any other origin is refused. */
  readonly corsOrigins: readonly string[];
}

/** `Host: name:port` or `[::1]:port` to the bare, lower-case host name. */
function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return host.replace(/:\d+$/, '').toLowerCase();
}

const isLoopbackName = (name: string) => name === 'localhost' || isLoopback(name);

/**
 * Refuses, before authentication, a request whose Host or Origin the server must not serve. A web
 * page using DNS rebinding reaches a local server under its own name (`Host: evil.example`) and
 * from its own origin: in keyless mode both must be loopback names. With keys, Host is checked
 * against the allow-list when one is given, and a browser Origin must be the server's own (its
 * pages at /ui) or one CORS allows.
 */
export function checkRequestOrigin(request: FastifyRequest, settings: OriginSettings): void {
  const host = request.headers.host;
  const name = typeof host === 'string' ? hostnameOf(host) : '';
  const hostAllowed = settings.insecureLocal
    ? isLoopbackName(name)
    : settings.allowedHosts.length === 0 || settings.allowedHosts.includes(name);
  if (!hostAllowed) {
    throw new AccessError(403, 'FORBIDDEN', `this server does not answer to host '${name}'`);
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (settings.corsOrigins.includes(origin)) return;
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  // The server's own pages (the explorer at /ui) call it from its own origin: the Host just checked.
  if (originHost !== null && typeof host === 'string' && originHost.toLowerCase() === host.toLowerCase())
    return;
  const originName = originHost === null ? null : hostnameOf(originHost);
  if (settings.insecureLocal && originName !== null && isLoopbackName(originName)) return;
  throw new AccessError(403, 'FORBIDDEN', `requests from origin '${origin}' are not allowed`);
}
