import { Writable } from 'node:stream';
import { HashingEmbedder } from '@alma/engine';
import { createApiKey, revokeApiKey, startServer } from '@alma/server';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { call } from './support/http-call.js';
import { startTestServer } from './support/test-server.js';

const learn = {
  agent: 'coder',
  taskType: 'build',
  taskDescription: 'build it',
  success: true,
  strategyUsed: 'make',
};

/** An embedder whose first call waits until the test lets it go: a request held in flight. */
function gatedEmbedder() {
  const embedder = new HashingEmbedder(384);
  const inner = embedder.embed.bind(embedder);
  let release!: () => void;
  const gate = new Promise<void>((done) => {
    release = done;
  });
  let entered!: () => void;
  const started = new Promise<void>((done) => {
    entered = done;
  });
  let gated = false;
  embedder.embed = async (texts) => {
    if (!gated) {
      gated = true;
      entered();
      await gate;
    }
    return inner(texts);
  };
  return { embedder, started, release };
}

describe('operation', () => {
  it('shuts down gracefully: the in-flight request finishes, then the store is closed', async () => {
    const { embedder, started, release } = gatedEmbedder();
    const test = await startTestServer({}, { embedder });
    const pending = call(test.url, 'POST', '/v1/projects/alpha/learn', { key: test.keys.alpha, body: learn });
    await started;
    const closing = test.server.close();
    const refused = await fetch(`${test.url}/healthz`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
    release();
    expect((await pending).status).toBe(201);
    await closing;

    const reopened = await startServer(
      { store: `sqlite:${test.directory}/alma.db`, port: 0, keysFile: test.keysFile, logLevel: 'silent' },
      { cwd: test.directory },
    );
    const stats = await call<{ total: number }>(reopened.url, 'GET', '/v1/projects/alpha/stats', {
      key: test.keys.alpha,
    });
    expect(stats.json.total).toBe(1);
    await reopened.close();
    await test.close();
  });

  it('reports readiness and liveness without a key', async () => {
    const test = await startTestServer();
    try {
      expect((await call(test.url, 'GET', '/healthz')).json).toEqual({ status: 'ok' });
      expect((await call(test.url, 'GET', '/readyz')).json).toEqual({ status: 'ready' });
    } finally {
      await test.close();
    }
  });

  it('serves keyless requests only behind --insecure-local and only on loopback', async () => {
    await expect(startTestServer({ insecureLocal: true, host: '0.0.0.0' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const test = await startTestServer({ insecureLocal: true });
    try {
      const keyless = await call(test.url, 'POST', '/v1/projects/anything/learn', { body: learn });
      expect(keyless.status).toBe(201);
      const bad = await call(test.url, 'GET', '/v1/projects/anything/stats', { key: 'alma_bad' });
      expect(bad.status).toBe(401);
    } finally {
      await test.close();
    }
  });

  it('sends no CORS headers unless origins are configured', async () => {
    const closed = await startTestServer();
    const open = await startTestServer({ corsOrigins: ['https://app.example'] });
    try {
      const headers = { origin: 'https://app.example', 'access-control-request-method': 'POST' };
      for (const method of ['GET', 'OPTIONS']) {
        const answer = await call(closed.url, method, '/v1/projects/alpha/stats', {
          key: closed.keys.alpha,
          headers,
        });
        expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      }
      const preflight = await call(open.url, 'OPTIONS', '/v1/projects/alpha/stats', { headers });
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
      const stranger = await call(open.url, 'OPTIONS', '/v1/projects/alpha/stats', {
        headers: { ...headers, origin: 'https://evil.example' },
      });
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await closed.close();
      await open.close();
    }
  });

  it('limits requests per key, and failed attempts per address', async () => {
    const test = await startTestServer({ rateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await call(test.url, 'GET', '/v1/projects/alpha/stats', { key: test.keys.alpha })).status,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await call(test.url, 'GET', '/v1/projects/alpha/stats', { key: test.keys.alpha });
      expect(limited.json.error.code).toBe('RATE_LIMITED');
      expect(limited.headers.get('retry-after')).not.toBeNull();
      expect((await call(test.url, 'GET', '/v1/projects/beta/stats', { key: test.keys.beta })).status).toBe(
        200,
      );

      const guesses = [];
      for (let i = 0; i < 4; i++) {
        guesses.push(
          (await call(test.url, 'GET', '/v1/projects/alpha/stats', { key: `alma_guess_${i}` })).status,
        );
      }
      expect(guesses).toEqual([401, 401, 401, 429]);
    } finally {
      await test.close();
    }
  });

  it('honours keys created and revoked while it runs', async () => {
    const test = await startTestServer({}, { keyRecheckMs: 0 });
    try {
      const created = await createApiKey(test.keysFile, { projects: ['gamma'] });
      expect((await call(test.url, 'GET', '/v1/projects/gamma/stats', { key: created.token })).status).toBe(
        200,
      );
      await revokeApiKey(test.keysFile, created.id);
      expect((await call(test.url, 'GET', '/v1/projects/gamma/stats', { key: created.token })).status).toBe(
        401,
      );
    } finally {
      await test.close();
    }
  });

  it('logs JSON lines with request ids, never the key, and echoes the caller’s request id', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).trim().split('\n'));
        done();
      },
    });
    const test = await startTestServer({ logLevel: 'info' }, { logDestination: destination });
    try {
      const answer = await call(test.url, 'GET', '/v1/projects/alpha/stats', {
        key: test.keys.alpha,
        headers: { 'x-request-id': 'trace-42' },
      });
      expect(answer.headers.get('x-request-id')).toBe('trace-42');
      const odd = await call(test.url, 'GET', '/healthz', {
        headers: { 'x-request-id': 'bad id with spaces' },
      });
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await test.close();
    }
    const records = lines.map((line) => JSON.parse(line) as { reqId?: string; msg: string });
    expect(records.some((record) => record.reqId === 'trace-42' && record.msg === 'request completed')).toBe(
      true,
    );
    expect(lines.join('\n')).not.toContain(test.keys.alpha.slice(18));
  });

  it('traces store operations with the engine’s OpenTelemetry decorator', async () => {
    const spans = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
    const test = await startTestServer({}, { telemetry: { tracerProvider } });
    try {
      await call(test.url, 'POST', '/v1/projects/alpha/learn', { key: test.keys.alpha, body: learn });
      await call(test.url, 'POST', '/v1/projects/alpha/retrieve', {
        key: test.keys.alpha,
        body: { task: 'build', agent: 'coder' },
      });
      const names = spans.getFinishedSpans().map((span) => span.name);
      expect(names).toContain('alma.store.put');
      expect(names).toContain('alma.store.search_vector');
    } finally {
      await test.close();
    }
  });
});
