import { mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosineSimilarity } from '@alma/core';
import { expectAlmaError } from '@alma/core/testing';
import { TransformersEmbedder } from '@alma/engine';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tinyWeights, writeTinyModel } from './support/tiny-model-directory.js';
import type { TinyBertWeights } from './support/tiny-onnx-model.js';
import { TINY_VOCABULARY } from './support/tiny-tokenizer.js';

const WEIGHTS = tinyWeights(8, 47);

/**
 * What the model should produce, computed here without ONNX: each token's state is
 * (word + token type 0) · projection, pooled over the sequence, then scaled to unit length.
 */
function expectedEmbedding(
  tokens: readonly string[],
  {
    weights = WEIGHTS,
    pooling = 'mean',
    normalize = true,
  }: { weights?: TinyBertWeights; pooling?: 'mean' | 'cls'; normalize?: boolean } = {},
): number[] {
  const states = tokens.map((token) => {
    const word = weights.wordEmbeddings[TINY_VOCABULARY.indexOf(token)]!;
    const embedded = word.map((value, i) => value + weights.tokenTypeEmbeddings[0]![i]!);
    return weights.projection[0]!.map((_, column) =>
      embedded.reduce((sum, value, row) => sum + value * weights.projection[row]![column]!, 0),
    );
  });
  const pooled =
    pooling === 'cls'
      ? states[0]!
      : states[0]!.map((_, i) => states.reduce((sum, state) => sum + state[i]!, 0) / states.length);
  const norm = normalize ? Math.hypot(...pooled) : 1;
  return pooled.map((value) => value / norm);
}

function expectVector(actual: Float32Array | undefined, expected: readonly number[]): void {
  expect(Array.from(actual ?? [])).toEqual(expected.map((value) => expect.closeTo(value, 5)));
}

/** Texts and the WordPiece tokens the tiny tokenizer must turn them into: lower case, `##` pieces, [UNK]. */
const TEXTS = {
  'The cat sat on the mat': ['[CLS]', 'the', 'cat', 'sat', 'on', 'the', 'mat', '[SEP]'],
  'Dogs ran!': ['[CLS]', 'dog', '##s', 'ran', '[UNK]', '[SEP]'],
  'fix the migration test': ['[CLS]', 'fix', 'the', 'migration', 'test', '[SEP]'],
} as const;

describe('TransformersEmbedder on a tiny BERT generated in the test', () => {
  let root: string;
  let modelDirectory: string;
  let embedder: TransformersEmbedder;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'alma-tiny-bert-'));
    modelDirectory = join(root, 'tiny-bert');
    await writeTinyModel(modelDirectory, WEIGHTS);
    embedder = await TransformersEmbedder.load({ modelDirectory });
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('names its vector space after the directory, the pooling and the dimension it measured', () => {
    expect(embedder.dimension).toBe(8);
    expect(embedder.id).toBe('transformers:tiny-bert:mean:8');
  });

  it('computes every vector of a padded batch with the model: mean of the token states, unit length', async () => {
    const vectors = await embedder.embed(Object.keys(TEXTS));
    expect(vectors).toHaveLength(3);
    Object.values(TEXTS).forEach((tokens, i) => {
      expectVector(vectors[i], expectedEmbedding(tokens));
      expect(Math.hypot(...vectors[i]!)).toBeCloseTo(1, 5);
    });
  });

  it('gives identical texts identical vectors and different texts different ones', async () => {
    const [cat, again, dogs] = await embedder.embed(['the cat sat', 'the cat sat', 'the dogs ran']);
    expect(again).toEqual(cat);
    expect(cosineSimilarity(cat!, dogs!)).toBeLessThan(0.99);
    // Padding added for a longer neighbour in the batch must not change a text's vector.
    const [alone] = await embedder.embed(['the cat sat']);
    expect(Array.from(alone!)).toEqual(Array.from(cat!).map((value) => expect.closeTo(value, 6)));
  });

  it('splits the texts into forward passes of batchSize and keeps their order', async () => {
    const batched = await TransformersEmbedder.load({ modelDirectory, batchSize: 2 });
    const texts = [...Object.keys(TEXTS), 'the cat', 'cake'];
    const vectors = await batched.embed(texts);
    expect(vectors).toHaveLength(5);
    expectVector(vectors[1], expectedEmbedding(TEXTS['Dogs ran!']));
    expectVector(vectors[3], expectedEmbedding(['[CLS]', 'the', 'cat', '[SEP]']));
    expectVector(vectors[4], expectedEmbedding(['[CLS]', 'cake', '[SEP]']));
  });

  it('pools the [CLS] state and leaves it unscaled when asked, and says so in its id', async () => {
    const cls = await TransformersEmbedder.load({ modelDirectory, pooling: 'cls', normalize: false });
    expect(cls.id).toBe('transformers:tiny-bert:cls:raw:8');
    const [vector] = await cls.embed(['fix the migration test']);
    expectVector(vector, expectedEmbedding(['[CLS]'], { pooling: 'cls', normalize: false }));
    expect(Math.hypot(...vector!)).not.toBeCloseTo(1, 2);
  });

  it('refuses a model whose dimension is not the one expected', async () => {
    const error = await expectAlmaError(
      TransformersEmbedder.load({ modelDirectory, dimension: 384 }),
      'DIMENSION_MISMATCH',
    );
    expect(error.details).toMatchObject({ expected: 384, actual: 8 });
  });

  it('loads two models with the same folder name at once, each from its own directory', async () => {
    const small = tinyWeights(4, 5);
    const other = join(root, 'elsewhere', 'tiny-bert');
    await writeTinyModel(other, small);
    const [first, second] = await Promise.all([
      TransformersEmbedder.load({ modelDirectory }),
      TransformersEmbedder.load({ modelDirectory: other }),
    ]);
    expect([first!.dimension, second!.dimension]).toEqual([8, 4]);
    const tokens = ['[CLS]', 'cake', '[SEP]'];
    expectVector((await second!.embed(['cake']))[0], expectedEmbedding(tokens, { weights: small }));
    expectVector((await first!.embed(['cake']))[0], expectedEmbedding(tokens));
  });

  it('refuses a directory that does not exist, before loading anything', async () => {
    await expectAlmaError(TransformersEmbedder.load({ modelDirectory: join(root, 'missing') }), 'VALIDATION');
  });

  it.each([
    ['without its weights', (dir: string) => rm(join(dir, 'onnx', 'model.onnx'))],
    ['with truncated weights', (dir: string) => truncate(join(dir, 'onnx', 'model.onnx'), 40)],
    ['without config.json', (dir: string) => rm(join(dir, 'config.json'))],
    ['without tokenizer.json', (dir: string) => rm(join(dir, 'tokenizer.json'))],
    ['without tokenizer_config.json', (dir: string) => rm(join(dir, 'tokenizer_config.json'))],
  ])('refuses a model directory %s with a ValidationError naming it', async (label, spoil) => {
    const directory = join(root, label.replaceAll(' ', '-'));
    await writeTinyModel(directory, WEIGHTS);
    await spoil(directory);
    const error = await expectAlmaError(
      TransformersEmbedder.load({ modelDirectory: directory }),
      'VALIDATION',
    );
    expect(error.message).toContain(directory);
  });

  it('refuses a dtype whose weights variant the directory does not hold', async () => {
    const error = await expectAlmaError(
      TransformersEmbedder.load({ modelDirectory, dtype: 'q8' }),
      'VALIDATION',
    );
    expect(error.message).toContain('onnx/model_quantized.onnx');
  });

  it('says how to get @huggingface/transformers when it cannot be imported', async () => {
    vi.doMock('@huggingface/transformers', () => {
      throw new Error("Cannot find package '@huggingface/transformers'");
    });
    try {
      const error = await expectAlmaError(TransformersEmbedder.load({ modelDirectory }), 'UNSUPPORTED');
      expect(error.message).toContain('pnpm add @huggingface/transformers');
    } finally {
      vi.doUnmock('@huggingface/transformers');
    }
  });
});
