import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryAdapter } from '@alma/core';
import { expectAlmaError, PROJECT } from '@alma/core/testing';
import { Alma, HashingEmbedder } from '@alma/engine';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

interface ChatRequest {
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: {
    model: string;
    response_format: { type: string };
    messages: { role: string; content: string }[];
  };
}

/** What the local chat server answers next: the content of the assistant's message, or a status. */
let answers: ({ content: string } | { status: number })[] = [];
let received: ChatRequest[] = [];

describe('consolidation with merged text from a chat model behind an OpenAI-compatible endpoint', () => {
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    // Speaks the chat completions API: POST /v1/chat/completions, answers { choices: [{ message }] }.
    server = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (chunk) => {
        data += chunk;
      });
      req.on('end', () => {
        received.push({
          url: req.url ?? '',
          authorization: req.headers.authorization,
          body: JSON.parse(data),
        });
        const answer = answers.shift() ?? { status: 500 };
        if ('status' in answer) {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'no answer prepared' } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'chatcmpl-1',
            object: 'chat.completion',
            model: 'merge-model',
            choices: [
              { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: answer.content } },
            ],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers = [];
    received = [];
  });

  async function engineWithDuplicates(llm: boolean) {
    const embedder = new HashingEmbedder(64);
    const alma = await Alma.open({
      adapter: new MemoryAdapter(),
      embedder,
      config: {
        projectId: PROJECT,
        agents: { coder: {} },
        ...(llm ? { consolidation: { llm: { baseUrl, model: 'merge-model', apiKey: 'sk-merge' } } } : {}),
      },
    });
    const facts = [];
    for (const fact of ['refunds take five business days', 'refunds take five business days!']) {
      facts.push(await alma.addKnowledge({ agent: 'coder', domain: 'billing', fact, source: 'docs' }));
    }
    return { alma, embedder, facts };
  }

  it('asks the model for the kind’s text fields, writes its answer and re-embeds the kept memory', async () => {
    const { alma, embedder } = await engineWithDuplicates(true);
    answers.push({ content: JSON.stringify({ fact: 'Refunds are paid within five business days.' }) });
    const report = await alma.consolidate({
      agent: 'coder',
      kind: 'domainKnowledge',
      similarityThreshold: 0.8,
      dryRun: false,
      useLlm: true,
    });
    expect(report.mergedCount).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      url: '/v1/chat/completions',
      authorization: 'Bearer sk-merge',
      body: { model: 'merge-model', response_format: { type: 'json_object' } },
    });
    expect(JSON.parse(received[0]!.body.messages[1]!.content)).toEqual([
      { fact: expect.stringContaining('refunds take five business days') },
      { fact: expect.stringContaining('refunds take five business days') },
    ]);
    const kept = await alma.store.domainKnowledge.get({ projectId: PROJECT, id: report.groups[0]!.keptId });
    expect(kept?.fact).toBe('Refunds are paid within five business days.');
    expect(kept?.embedding).toEqual(
      embedder.embedOne('billing: Refunds are paid within five business days.'),
    );
    expect((await alma.listArchive()).items).toHaveLength(1);
  });

  it('changes nothing when the model answers something else, or fails', async () => {
    const { alma, facts } = await engineWithDuplicates(true);
    const consolidate = () =>
      alma.consolidate({
        agent: 'coder',
        kind: 'domainKnowledge',
        similarityThreshold: 0.8,
        dryRun: false,
        useLlm: true,
      });
    answers.push({ content: JSON.stringify({ fact: '' }) });
    await expectAlmaError(consolidate(), 'VALIDATION');
    answers.push({ content: JSON.stringify({ fact: 'ok', extra: 'field' }) });
    await expectAlmaError(consolidate(), 'VALIDATION');
    answers.push({ status: 503 });
    await expectAlmaError(consolidate(), 'STORAGE');
    for (const fact of facts) expect(await alma.store.domainKnowledge.get(fact)).toEqual(fact);
    expect((await alma.listArchive()).items).toEqual([]);
  });

  it('needs the model in the configuration to be asked for it', async () => {
    const { alma } = await engineWithDuplicates(false);
    await expectAlmaError(
      alma.consolidate({ agent: 'coder', kind: 'domainKnowledge', dryRun: false, useLlm: true }),
      'VALIDATION',
    );
    expect(received).toEqual([]);
  });
});
