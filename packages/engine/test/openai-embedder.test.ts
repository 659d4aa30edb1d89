import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectAlmaError } from '@alma/core/testing';
import { createEmbedder, HashingEmbedder, OpenAIEmbedder, type OpenAIEmbedderOptions } from '@alma/engine';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

interface Received {
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: { input: string[]; model?: string; dimensions?: number; encoding_format?: string };
}

type Reply = (request: Received) => { status: number; headers?: Record<string, string>; body: unknown };

const DIMENSION = 16;
const reference = new HashingEmbedder(DIMENSION);

/** Answers like the OpenAI embeddings API: vectors from the hashing embedder, in shuffled order. */
const embeddings: Reply = (request) => ({
  status: 200,
  body: {
    object: 'list',
    model: request.body.model ?? 'deployment-model',
    data: request.body.input
      .map((text, index) => ({ object: 'embedding', index, embedding: Array.from(reference.embedOne(text)) }))
      .reverse(),
    usage: { prompt_tokens: 1, total_tokens: 1 },
  },
});

describe('OpenAIEmbedder against a local server speaking the OpenAI API', () => {
  let server: Server;
  let baseUrl: string;
  let received: Received[] = [];
  let replies: Reply[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let data = '';
      req.on('data', (chunk) => {
        data += chunk;
      });
      req.on('end', () => {
        const request = { url: req.url ?? '', headers: req.headers, body: JSON.parse(data) };
        received.push(request);
        const reply = (replies.shift() ?? embeddings)(request);
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    received = [];
    replies = [];
  });

  const sleeps: number[] = [];
  const make = (options: Partial<OpenAIEmbedderOptions> = {}) =>
    new OpenAIEmbedder(
      { model: 'text-embedding-3-small', dimension: DIMENSION, apiKey: 'sk-test', baseUrl, ...options },
      { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    );

  it('embeds in batches, in input order, with the bearer key and model', async () => {
    const embedder = make({ batchSize: 2 });
    const texts = ['alpha beta', 'gamma', 'delta epsilon', 'zeta', 'eta'];
    const vectors = await embedder.embed(texts);
    expect(received.map((r) => r.body.input)).toEqual([
      ['alpha beta', 'gamma'],
      ['delta epsilon', 'zeta'],
      ['eta'],
    ]);
    expect(received[0]).toMatchObject({
      url: '/v1/embeddings',
      headers: { authorization: 'Bearer sk-test' },
      body: { model: 'text-embedding-3-small', encoding_format: 'float' },
    });
    expect(received[0]!.body.dimensions).toBeUndefined();
    expect(vectors.map((v) => Array.from(v))).toEqual(texts.map((t) => Array.from(reference.embedOne(t))));
    expect(embedder.id).toBe(`openai:text-embedding-3-small:${DIMENSION}`);
  });

  it('maps blank texts to zero vectors without asking the server, and sends dimensions when told to', async () => {
    const vectors = await make({ requestDimensions: true }).embed(['', 'real text', '   ']);
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toMatchObject({ input: ['real text'], dimensions: DIMENSION });
    expect(Array.from(vectors[0]!)).toEqual(new Array(DIMENSION).fill(0));
    expect(Array.from(vectors[2]!)).toEqual(new Array(DIMENSION).fill(0));
    expect(await make().embed([])).toEqual([]);
  });

  it('retries throttling and server errors with backoff, honouring retry-after', async () => {
    sleeps.length = 0;
    replies = [
      () => ({ status: 429, headers: { 'retry-after-ms': '7' }, body: { error: { message: 'slow down' } } }),
      () => ({ status: 503, body: 'unavailable' }),
      () => ({ status: 429, headers: { 'retry-after': '2' }, body: { error: { message: 'slow down' } } }),
    ];
    const [vector] = await make({ initialBackoffMs: 100 }).embed(['retry me']);
    expect(Array.from(vector!)).toEqual(Array.from(reference.embedOne('retry me')));
    expect(received).toHaveLength(4);
    // 7 ms as the server asked; then full jitter (random 0.5) of 100·2¹; then 2 s as asked.
    expect(sleeps).toEqual([7, 100, 2_000]);
  });

  it('gives up after maxRetries with a StorageError keeping the status', async () => {
    replies = Array.from({ length: 3 }, () => () => ({ status: 500, body: { error: { message: 'boom' } } }));
    const error = await expectAlmaError(make({ maxRetries: 2 }).embed(['x']), 'STORAGE');
    expect(error.details).toMatchObject({ status: 500 });
    expect(error.message).toContain('boom');
    expect(received).toHaveLength(3);
  });

  it('does not retry a rejected request or a bad key', async () => {
    replies = [() => ({ status: 400, body: { error: { message: 'input too long' } } })];
    const rejected = await expectAlmaError(make().embed(['x']), 'VALIDATION');
    expect(rejected.message).toContain('input too long');
    replies = [() => ({ status: 401, body: { error: { message: 'bad key' } } })];
    await expectAlmaError(make().embed(['x']), 'STORAGE');
    expect(received).toHaveLength(2);
  });

  it('checks the dimension of every vector and the count of the answer', async () => {
    await expectAlmaError(make({ dimension: 8 }).embed(['x']), 'DIMENSION_MISMATCH');
    replies = [() => ({ status: 200, body: { data: [] } })];
    await expectAlmaError(make().embed(['x']), 'STORAGE');
  });

  it('retries a network failure, then reports it', async () => {
    const closed = new OpenAIEmbedder(
      { model: 'm', dimension: DIMENSION, apiKey: 'k', baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 1 },
      { sleep: async () => {} },
    );
    await expectAlmaError(closed.embed(['x']), 'STORAGE');
  });

  it('speaks Azure OpenAI: deployment URL, api-version, api-key header, no model in the body', async () => {
    const embedder = await createEmbedder(
      {
        provider: 'azure-openai',
        endpoint: baseUrl.replace(/\/v1$/, ''),
        deployment: 'embed-small',
        apiVersion: '2024-10-21',
        model: 'text-embedding-3-small',
        dimension: DIMENSION,
        apiKey: 'azure-key',
      },
      { sleep: async () => {} },
    );
    await embedder.embed(['hello azure']);
    expect(received[0]!.url).toBe('/openai/deployments/embed-small/embeddings?api-version=2024-10-21');
    expect(received[0]!.headers['api-key']).toBe('azure-key');
    expect(received[0]!.headers.authorization).toBeUndefined();
    expect(received[0]!.body.model).toBeUndefined();
    expect(embedder.id).toBe(`openai:text-embedding-3-small:${DIMENSION}`);
  });

  it('rejects bad options', async () => {
    expect(() => make({ apiKey: '' })).toThrow(/apiKey/);
    await expectAlmaError(
      createEmbedder({ provider: 'openai', model: 'm', dimension: 0, apiKey: 'k' }),
      'VALIDATION',
    );
  });
});
