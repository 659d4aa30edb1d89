import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ValidationError } from '@alma/core';
import { isLoopback } from '../http/request-auth.js';
import { ListenFailure, listenFailureOf } from './listen-failure.js';

/** Every address a name resolves to (dns.lookup with `all`, as the bind itself would look it up). */
export type ResolveAll = (host: string) => Promise<readonly { readonly address: string }[]>;

const resolveAll: ResolveAll = (host) => lookup(host, { all: true });

/**
 * The host `serve --insecure-local` binds: it must resolve to loopback addresses only, so a name such
 * as `127.evil.example` cannot pass for one. A name other than `localhost` is replaced by the address
 * that was checked, so the bind cannot land elsewhere should the name resolve otherwise a moment later.
 */
export async function loopbackHost(host: string, resolve: ResolveAll = resolveAll): Promise<string> {
  let addresses: readonly { readonly address: string }[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    throw listenFailureOf(error, host, 0) ?? error;
  }
  if (addresses.length === 0) {
    throw new ListenFailure('HOST_NOT_FOUND', `--host ${host} does not resolve to an address`);
  }
  const outside = addresses.map((entry) => entry.address).filter((address) => !isLoopback(address));
  if (outside.length > 0) {
    const what = isIP(host) === 0 ? `${host} resolves to ${outside.join(', ')}` : `${host} is not one`;
    throw new ValidationError(
      `--insecure-local serves without keys, so only on loopback addresses; ${what}`,
      { details: { host, addresses: addresses.map((entry) => entry.address) } },
    );
  }
  return host === 'localhost' || isIP(host) !== 0 ? host : addresses[0]!.address;
}
