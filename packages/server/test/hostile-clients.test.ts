import { connect } from 'node:net';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';

/** One raw HTTP/1.1 exchange: whatever the test writes, exactly, and all the server answers until it closes. */
async function raw(url: string, request: string | readonly string[], pauseMs = 0): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = new Promise<void>((resolve) => {
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  for (const part of typeof request === 'string' ? [request] : request) {
    if (socket.destroyed) break;
    socket.write(part);
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  // Bounded: a server that never answers fails the test instead of hanging it.
  const timer = setTimeout(() => socket.destroy(), 15_000);
  await closed;
  clearTimeout(timer);
  return Buffer.concat(chunks).toString('utf8');
}

function get(path: string, headers: Record<string, string>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\nconnection: close\r\n\r\n`;
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
const bodyOf = (answer: string) =>
  JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as {
    error?: { code: string; message: string; requestId: string };
    status?: string;
  };

describe('hostile clients: keyless local mode', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({ insecureLocal: true, requestTimeoutMs: 1_000 });
  });
  afterAll(async () => test.close());

  it('refuses a rebound host name and a foreign origin (DNS rebinding), in the documented shape', async () => {
    const { port } = new URL(test.url);
    const evil = await raw(test.url, get('/v1/projects/default/stats', { host: `evil.example:${port}` }));
    expect(statusOf(evil)).toBe(403);
    expect(bodyOf(evil).error?.code).toBe('FORBIDDEN');
    const page = await raw(
      test.url,
      get('/v1/projects/default/stats', { host: `127.0.0.1:${port}`, origin: 'http://evil.example' }),
    );
    expect(statusOf(page)).toBe(403);
    const mcp = await raw(test.url, get('/mcp', { host: `evil.example:${port}` }));
    expect(statusOf(mcp)).toBe(403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const local = await raw(
        test.url,
        get('/v1/projects/default/stats', { host, origin: `http://${host}` }),
      );
      expect(statusOf(local)).toBe(200);
    }
  });

  it('cuts off a body sent a byte at a time with 408, in the documented shape', async () => {
    const started = Date.now();
    const head =
      'POST /v1/projects/default/learn HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n' +
      'content-length: 200\r\n\r\n';
    const answer = await raw(test.url, [head, ...'{"agent":"a","taskType":"t"'.split('')], 300);
    expect(statusOf(answer)).toBe(408);
    expect(bodyOf(answer).error?.code).toBe('REQUEST_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('answers malformed HTTP in the documented shape, not Node’s bare text', async () => {
    const answer = await raw(test.url, 'GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nbad header line\r\n\r\n');
    expect(statusOf(answer)).toBe(400);
    expect(bodyOf(answer).error).toMatchObject({ code: 'VALIDATION' });
  });

  it('refuses a body in another charset than UTF-8 with 415', async () => {
    const body = JSON.stringify({ task: 'build', agent: 'coder' });
    const answer = await raw(
      test.url,
      'POST /v1/projects/default/retrieve HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n' +
        `content-type: application/json; charset=utf-16\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
    );
    expect(statusOf(answer)).toBe(415);
    expect(bodyOf(answer).error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('says not ready when the store fails its queries', async () => {
    const ready = await fetch(`${test.url}/readyz`);
    expect(ready.status).toBe(200);
    const database = new Database(`${test.directory}/alma.db`);
    database.exec('ALTER TABLE alma_heuristics RENAME TO alma_heuristics_gone');
    try {
      const broken = await fetch(`${test.url}/readyz`);
      expect(broken.status).toBe(503);
      expect(await broken.json()).toEqual({ status: 'store-unavailable' });
    } finally {
      database.exec('ALTER TABLE alma_heuristics_gone RENAME TO alma_heuristics');
      database.close();
    }
  });
});

describe('hostile clients: with keys', () => {
  it('keeps a key sent in the query string out of the log, and answers long project ids in the documented shape', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).trim().split('\n'));
        done();
      },
    });
    const test = await startTestServer(
      { logLevel: 'info', allowedHosts: ['127.0.0.1'] },
      { logDestination: destination },
    );
    try {
      const leaked = await fetch(`${test.url}/v1/projects/alpha/stats?api_key=${test.keys.alpha}`);
      expect(leaked.status).toBe(401);
      // Up to the router's limit a project id reaches authorization (this key grants none of them);
      // past it the router refuses the path: both in the documented shape.
      for (const [length, status] of [
        [101, 403],
        [128, 403],
        [129, 403],
        [600, 414],
      ] as const) {
        const answer = await fetch(`${test.url}/v1/projects/${'p'.repeat(length)}/stats`, {
          headers: { authorization: `Bearer ${test.keys.alpha}` },
        });
        const body = (await answer.json()) as { error?: { code: string; requestId: string } };
        expect(answer.status).toBe(status);
        expect(body.error?.code).toBe(status === 403 ? 'FORBIDDEN' : 'VALIDATION');
        expect(body.error?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      }
      const { port } = new URL(test.url);
      const other = await raw(test.url, get('/healthz', { host: `alma.internal:${port}` }));
      expect(statusOf(other)).toBe(403);
    } finally {
      await test.close();
    }
    const log = lines.join('\n');
    expect(log).not.toContain(test.keys.alpha.slice(18));
    expect(log).toContain('api_key=***');
  });
});
