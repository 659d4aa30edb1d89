import { cosineSimilarity } from '@alma/core';
import { HashingEmbedder } from '@alma/engine';
import { describe, expect, it } from 'vitest';

describe('HashingEmbedder (the offline default)', () => {
  const embedder = new HashingEmbedder(384);

  it('scores similar texts higher than unrelated ones', async () => {
    const [query, close, paraphrase, unrelated] = await embedder.embed([
      'fix the failing database migration test',
      'the database migration test is failing',
      'repair failing migrations in the database tests',
      'bake a chocolate cake with strawberries',
    ]);
    const near = cosineSimilarity(query!, close!);
    expect(near).toBeGreaterThan(0.5);
    expect(cosineSimilarity(query!, paraphrase!)).toBeGreaterThan(cosineSimilarity(query!, unrelated!));
    expect(near).toBeGreaterThan(cosineSimilarity(query!, unrelated!) + 0.3);
  });

  it('is deterministic, unit length and of the configured dimension', async () => {
    const [a] = await embedder.embed(['Hello, world']);
    const [b] = await new HashingEmbedder(384).embed(['hello world']);
    expect(a).toHaveLength(384);
    expect(Array.from(a!)).toEqual(Array.from(b!));
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    expect(embedder.id).toBe('hashing-v1:384');
  });

  it('gives the same vector on every machine (pinned values)', () => {
    const vector = new HashingEmbedder(16).embedOne('agents learn');
    expect(Array.from(vector, (x) => Math.round(x * 1000) / 1000)).toMatchSnapshot();
  });

  it('maps text without words to the zero vector and rejects silly dimensions', async () => {
    expect(Array.from(embedder.embedOne('?!'))).toEqual(new Array(384).fill(0));
    expect(() => new HashingEmbedder(4)).toThrow(/dimension/);
  });
});
