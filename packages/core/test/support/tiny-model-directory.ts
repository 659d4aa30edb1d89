import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TinyBertWeights, tinyOnnxModel } from './tiny-onnx-model.js';
import { TINY_VOCABULARY, tinyTokenizerConfig, tinyTokenizerJson } from './tiny-tokenizer.js';

/**
 * A complete local model directory, laid out as a Hugging Face ONNX export is, so the
 * transformers embedder loads it through the same code as a downloaded sentence-transformers
 * model; nothing here needs the network or Python.
 */

export const TINY_HIDDEN_SIZE = 8;

/** Fixed pseudo-random values in [-1, 1], quantised to 1/64 so they are exact in float32. */
function table(rows: number, columns: number, seed: number): number[][] {
  return Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => Math.round(Math.sin(seed + row * 12.9898 + column * 78.233) * 64) / 64),
  );
}

export const TINY_WEIGHTS: TinyBertWeights = {
  wordEmbeddings: table(TINY_VOCABULARY.length, TINY_HIDDEN_SIZE, 1),
  tokenTypeEmbeddings: table(2, TINY_HIDDEN_SIZE, 2),
  projection: table(TINY_HIDDEN_SIZE, TINY_HIDDEN_SIZE, 3),
};

/** Writes config.json, the tokenizer files and onnx/model.onnx (the fp32 weights) into `directory`. */
export async function writeTinyModel(directory: string): Promise<void> {
  await mkdir(join(directory, 'onnx'), { recursive: true });
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: TINY_HIDDEN_SIZE,
    vocab_size: TINY_VOCABULARY.length,
    type_vocab_size: 2,
  };
  await Promise.all([
    writeFile(join(directory, 'config.json'), JSON.stringify(config)),
    writeFile(join(directory, 'tokenizer.json'), JSON.stringify(tinyTokenizerJson())),
    writeFile(join(directory, 'tokenizer_config.json'), JSON.stringify(tinyTokenizerConfig())),
    writeFile(join(directory, 'onnx', 'model.onnx'), tinyOnnxModel(TINY_WEIGHTS)),
  ]);
}
