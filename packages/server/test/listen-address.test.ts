import { type ListenFailureCode, parseServerOptions } from '@alma/server';
import { describe, expect, it } from 'vitest';
import { listenFailureOf } from '../src/cli/listen-failure.js';
import { loopbackHost, type ResolveAll } from '../src/cli/loopback-host.js';

/** A resolver answering from a table, as dns.lookup({ all: true }) would; unknown names fail like getaddrinfo. */
function resolver(table: Record<string, string[]>): ResolveAll {
  return async (host) => {
    const addresses = table[host];
    if (addresses) return addresses.map((address) => ({ address }));
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
      code: 'ENOTFOUND',
      syscall: 'getaddrinfo',
    });
  };
}

const names = resolver({
  localhost: ['127.0.0.1', '::1'],
  'dev.local': ['127.0.0.2'],
  'both.example': ['127.0.0.1', '192.0.2.7'],
  '127.0.0.1': ['127.0.0.1'],
  '::1': ['::1'],
  '10.1.2.3': ['10.1.2.3'],
});

describe('the address of serve --insecure-local', () => {
  it('takes hosts that resolve to loopback only, binding a name by the address it checked', async () => {
    expect(await loopbackHost('localhost', names)).toBe('localhost');
    expect(await loopbackHost('127.0.0.1', names)).toBe('127.0.0.1');
    expect(await loopbackHost('::1', names)).toBe('::1');
    expect(await loopbackHost('dev.local', names)).toBe('127.0.0.2');
  });

  it('refuses a name that does not resolve, and one with any address off loopback', async () => {
    await expect(loopbackHost('127.evil.example', names)).rejects.toMatchObject({ code: 'HOST_NOT_FOUND' });
    await expect(loopbackHost('both.example', names)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('both.example resolves to 192.0.2.7'),
    });
    await expect(loopbackHost('10.1.2.3', names)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('refuses, without a lookup, every host but localhost and loopback IP addresses in the options', () => {
    for (const host of ['127.evil.example', '0.0.0.0', '10.1.2.3', 'example.com']) {
      expect(() => parseServerOptions({ insecureLocal: true, host })).toThrow(/only on a loopback address/);
    }
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) {
      expect(parseServerOptions({ insecureLocal: true, host }).host).toBe(host);
    }
    expect(parseServerOptions({ host: 'example.com' }).host).toBe('example.com');
  });
});

describe('listen failures', () => {
  const failure = (code: string, syscall: string) => Object.assign(new Error(code), { code, syscall });
  const cases: [Error, ListenFailureCode | null][] = [
    [failure('EADDRINUSE', 'listen'), 'ADDRESS_IN_USE'],
    [failure('ENOTFOUND', 'getaddrinfo'), 'HOST_NOT_FOUND'],
    [failure('EAI_AGAIN', 'getaddrinfo'), 'HOST_NOT_FOUND'],
    [failure('EADDRNOTAVAIL', 'listen'), 'ADDRESS_NOT_AVAILABLE'],
    [failure('EACCES', 'listen'), 'PORT_NOT_PERMITTED'],
    // The same codes from anything but the bind or the lookup are not address problems.
    [failure('EACCES', 'open'), null],
    [failure('ECONNREFUSED', 'connect'), null],
    [new Error('plain'), null],
  ];

  it.each(cases)('maps %s to %s', (error, code) => {
    expect(listenFailureOf(error, '127.0.0.1', 8765)?.code ?? null).toBe(code);
  });

  it('says what to do in one line', () => {
    const inUse = listenFailureOf(failure('EADDRINUSE', 'listen'), '127.0.0.1', 8765)!;
    expect(inUse.message).toBe(
      'port 8765 on 127.0.0.1 is in use: stop what holds it, or pick another --port (0 takes a free one)',
    );
    expect(inUse.message).not.toContain('\n');
  });
});
