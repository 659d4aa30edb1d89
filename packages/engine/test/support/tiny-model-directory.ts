import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '@alma/core/testing';
import { type TinyBertWeights, tinyOnnxModel } from './tiny-onnx-model.js';
import { TINY_VOCABULARY, tinyTokenizerConfig, tinyTokenizerJson } from './tiny-tokenizer.js';

/** Pseudo-random values in [-1, 1), quantised to 1/64 so float32 holds them exactly. */
function table(random: () => number, rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, () =>
    Array.from({ length: columns }, () => Math.floor(random() * 128 - 64) / 64),
  );
}

/** Weights for a model of `hiddenSize` dimensions, the same for the same seed. */
export function tinyWeights(hiddenSize: number, seed: number): TinyBertWeights {
  const random = seededRandom(seed);
  return {
    wordEmbeddings: table(random, TINY_VOCABULARY.length, hiddenSize),
    tokenTypeEmbeddings: table(random, 2, hiddenSize),
    projection: table(random, hiddenSize, hiddenSize),
  };
}

/**
 * Writes a complete model directory laid out as a Hugging Face ONNX export (config.json, the
 * tokenizer files, onnx/model.onnx for the default fp32 dtype), so the transformers embedder loads
 * it through the same code as a downloaded sentence-transformers model, without network or Python.
 */
export async function writeTinyModel(directory: string, weights: TinyBertWeights): Promise<void> {
  await mkdir(join(directory, 'onnx'), { recursive: true });
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: weights.projection.length,
    vocab_size: TINY_VOCABULARY.length,
    type_vocab_size: 2,
  };
  await Promise.all([
    writeFile(join(directory, 'config.json'), JSON.stringify(config)),
    writeFile(join(directory, 'tokenizer.json'), JSON.stringify(tinyTokenizerJson())),
    writeFile(join(directory, 'tokenizer_config.json'), JSON.stringify(tinyTokenizerConfig())),
    writeFile(join(directory, 'onnx', 'model.onnx'), tinyOnnxModel(weights)),
  ]);
}
