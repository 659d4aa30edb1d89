import { MemoryAdapter, MemoryStore } from '@alma/core';
import { expectAlmaError, PROJECT } from '@alma/core/testing';
import {
  Alma,
  estimateTokens,
  HashingEmbedder,
  lessonId,
  type MemorySlice,
  reembedStore,
  renderPrompt,
} from '@alma/engine';
import { describe, expect, it } from 'vitest';

const config = { projectId: PROJECT, agents: { coder: {} } };

describe('Alma and its store', () => {
  it('refuses an embedder of another dimension or another recorded id', async () => {
    const embedder = new HashingEmbedder(64);
    const store = await MemoryStore.open(new MemoryAdapter(), { dimension: 64, embedder: embedder.id });
    expect(() => new Alma({ store, embedder: new HashingEmbedder(32), config })).toThrow(/dimension/);
    const impostor = {
      id: 'openai:text-embedding-3-small:64',
      dimension: 64,
      embed: embedder.embed.bind(embedder),
    };
    expect(() => new Alma({ store, embedder: impostor, config })).toThrow(/re-embed/);
    expect(new Alma({ store, embedder, config }).embedder).toBe(embedder);
  });

  it('Alma.open records the embedder in a new store and checks it when reopening', async () => {
    const adapter = new MemoryAdapter();
    const alma = await Alma.open({ adapter, embedder: new HashingEmbedder(64), config });
    expect(alma.store.manifest).toMatchObject({ dimension: 64, embedder: 'hashing-v1:64' });
    await expectAlmaError(
      Alma.open({ adapter, embedder: new HashingEmbedder(32), config }),
      'DIMENSION_MISMATCH',
    );
  });

  it('re-embeds a store into one of another embedder, recomputing every vector from the text', async () => {
    const before = await Alma.open({
      adapter: new MemoryAdapter(),
      embedder: new HashingEmbedder(64),
      config,
    });
    await before.addKnowledge({
      agent: 'coder',
      domain: 'billing',
      fact: 'amounts are in cents',
      source: 'docs',
    });
    await before.learn({
      agent: 'coder',
      taskType: 'refactor',
      taskDescription: 'split a module',
      success: true,
      strategyUsed: 'small steps',
    });
    const next = new HashingEmbedder(128);
    const target = await MemoryStore.open(new MemoryAdapter(), { dimension: 128, embedder: next.id });
    const report = await reembedStore(before.store, target, next);
    expect(report).toMatchObject({
      heuristic: 0,
      outcome: 1,
      preference: 0,
      domainKnowledge: 1,
      antiPattern: 0,
    });
    const after = new Alma({ store: target, embedder: next, config });
    const [fact] = (await after.retrieve('how are amounts stored', 'coder')).domainKnowledge;
    expect(fact?.record.embedding).toEqual(next.embedOne('billing: amounts are in cents'));
    const [original] = (await before.retrieve('how are amounts stored', 'coder')).domainKnowledge;
    expect({ ...fact?.record, embedding: null }).toEqual({ ...original?.record, embedding: null });
    const wrong = await MemoryStore.open(new MemoryAdapter(), { dimension: 128, embedder: 'other:128' });
    await expectAlmaError(reembedStore(before.store, wrong, next), 'CONFLICT');
    await expectAlmaError(reembedStore(before.store, target, new HashingEmbedder(64)), 'VALIDATION');
  });

  it('validates what it is asked to learn before writing anything', async () => {
    const alma = await Alma.open({ adapter: new MemoryAdapter(), embedder: new HashingEmbedder(64), config });
    await expectAlmaError(alma.learn({} as never), 'VALIDATION');
    const outcome = { agent: 'coder', taskType: 'refactor', taskDescription: 'x', strategyUsed: 'y' };
    await expectAlmaError(alma.learn({ ...outcome, success: 'yes' as never }), 'VALIDATION');
    await expectAlmaError(alma.learn({ ...outcome, success: true, durationMs: -1 }), 'VALIDATION');
    expect((await alma.stats()).total).toBe(0);
  });

  it('names lessons by agent, task type and strategy words, as a version 8 UUID', () => {
    const id = lessonId('heuristic', 'p', 'coder', 'refactor', 'Run the tests.');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(lessonId('heuristic', 'p', 'coder', 'refactor', 'run the tests')).toBe(id);
    expect(lessonId('antiPattern', 'p', 'coder', 'refactor', 'run the tests')).not.toBe(id);
    expect(lessonId('heuristic', 'p', 'reviewer', 'refactor', 'run the tests')).not.toBe(id);
  });
});

describe('renderPrompt', () => {
  const memory = (fact: string) => ({
    record: { agent: 'coder', domain: 'd', fact } as never,
    score: 1,
    factors: { similarity: 1, recency: 1, success: 1, confidence: 1 },
    similarity: 1,
    shared: false,
  });
  const slice = (facts: string[]): MemorySlice => ({
    task: 't',
    agent: 'coder',
    mode: null,
    heuristics: [],
    outcomes: [],
    preferences: [],
    domainKnowledge: facts.map(memory),
    antiPatterns: [],
  });

  it('is empty for an empty slice and keeps whole memories within the budget', () => {
    expect(renderPrompt(slice([]), { maxTokens: 100 })).toBe('');
    const facts = Array.from({ length: 20 }, (_, i) => `fact number ${i} ${'x'.repeat(i * 7)}`);
    for (const maxTokens of [20, 50, 120, 400]) {
      const text = renderPrompt(slice(facts), { maxTokens });
      expect(estimateTokens(text)).toBeLessThanOrEqual(maxTokens);
      const lines = text.split('\n').filter((line) => line.startsWith('- '));
      for (const line of lines) expect(facts.some((fact) => line === `- d: ${fact}`)).toBe(true);
      const omitted = Number(/\((\d+) more/.exec(text)?.[1] ?? 0);
      expect(lines.length + omitted).toBe(20);
    }
  });
});
