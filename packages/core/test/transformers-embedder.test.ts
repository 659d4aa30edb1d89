import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosineSimilarity, TransformersEmbedder } from '@alma/core';
import { expectAlmaError } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';

/** A local sentence-embedding model directory (e.g. all-MiniLM-L6-v2 in ONNX form); nothing is downloaded. */
const MODEL_DIRECTORY = process.env.ALMA_TRANSFORMERS_MODEL_DIR;

/** The package is an optional peer of @alma/core; whether it is here decides which tests can run. */
const installed = (() => {
  try {
    createRequire(import.meta.url).resolve('@huggingface/transformers');
    return true;
  } catch {
    return false;
  }
})();

describe('TransformersEmbedder (local model directory)', () => {
  it('refuses a directory that does not exist, before loading anything', async () => {
    await expectAlmaError(TransformersEmbedder.load({ modelDirectory: '/nonexistent/model' }), 'VALIDATION');
  });

  it.runIf(MODEL_DIRECTORY !== undefined && installed)(
    'embeds with the local model (needs ALMA_TRANSFORMERS_MODEL_DIR and @huggingface/transformers installed)',
    async () => {
      const embedder = await TransformersEmbedder.load({ modelDirectory: MODEL_DIRECTORY! });
      const [query, close, unrelated] = await embedder.embed([
        'fix the failing database migration test',
        'the database migration test is failing',
        'bake a chocolate cake with strawberries',
      ]);
      expect(query).toHaveLength(embedder.dimension);
      expect(Math.hypot(...query!)).toBeCloseTo(1, 4);
      expect(cosineSimilarity(query!, close!)).toBeGreaterThan(cosineSimilarity(query!, unrelated!));
      expect(embedder.id).toMatch(/^transformers:/);
      await expectAlmaError(
        TransformersEmbedder.load({ modelDirectory: MODEL_DIRECTORY!, dimension: embedder.dimension + 1 }),
        'DIMENSION_MISMATCH',
      );
    },
  );

  it.runIf(!installed)('says how to get the optional package when it is missing', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'alma-model-'));
    try {
      const error = await expectAlmaError(
        TransformersEmbedder.load({ modelDirectory: directory }),
        'UNSUPPORTED',
      );
      expect(error.message).toContain('@huggingface/transformers');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
