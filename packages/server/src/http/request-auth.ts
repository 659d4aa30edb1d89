import type { FastifyRequest } from 'fastify';
import type { KeyRing } from '../keys/key-ring.js';
import type { AccessGrant } from './access-grant.js';
import { type AccessError, unauthorized } from './http-errors.js';

/** What authentication made of a request: a grant, or the refusal to send. */
export type AuthOutcome = { readonly grant: AccessGrant } | { readonly refusal: AccessError };

export interface AuthSettings {
  readonly keys: KeyRing;
  /** Keyless requests from loopback addresses hold every project (`--insecure-local`). */
  readonly insecureLocal: boolean;
  readonly defaultProject: string;
}

/** `Authorization: Bearer <key>`, or `X-API-Key: <key>` for clients that cannot set Authorization. */
export function presentedKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1]! : header.trim();
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : null;
}

/** Checks the presented key; a request without one is local only in keyless mode and from loopback. */
export async function authenticate(request: FastifyRequest, settings: AuthSettings): Promise<AuthOutcome> {
  const token = presentedKey(request);
  if (token === null || token === '') {
    if (settings.insecureLocal && isLoopback(request.socket.remoteAddress)) {
      return { grant: { kind: 'local', defaultProject: settings.defaultProject } };
    }
    return { refusal: unauthorized() };
  }
  const grant = await settings.keys.verify(token);
  if (!grant) return { refusal: unauthorized('the API key is not valid (unknown, revoked or malformed)') };
  return { grant: { kind: 'key', ...grant } };
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1' || v4 === 'localhost';
}
