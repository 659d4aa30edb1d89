import type { Embedder } from '@alma/core';
import { MAX_DIMENSION, tokenize, ValidationError } from '@alma/core';

/** Words weigh more than their character trigrams: trigrams only catch spelling variants. */
const WORD_WEIGHT = 1;
const TRIGRAM_WEIGHT = 0.5;

/**
 * The offline default embedder: feature hashing of words and character trigrams into a signed,
 * L2-normalised vector. No model, no download, the same vector on every machine.
 */
export class HashingEmbedder implements Embedder {
  readonly id: string;

  constructor(readonly dimension = 384) {
    if (!Number.isInteger(dimension) || dimension < 8 || dimension > MAX_DIMENSION) {
      throw new ValidationError(`hashing embedder dimension must be 8 to ${MAX_DIMENSION}`);
    }
    this.id = `hashing-v1:${dimension}`;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): Float32Array {
    const vector = new Float32Array(this.dimension);
    for (const word of tokenize(text)) {
      this.add(vector, `w:${word}`, WORD_WEIGHT);
      const padded = ` ${word} `;
      for (let i = 0; i + 3 <= padded.length; i++)
        this.add(vector, `c:${padded.slice(i, i + 3)}`, TRIGRAM_WEIGHT);
    }
    let sum = 0;
    for (const x of vector) sum += x * x;
    const length = Math.sqrt(sum);
    if (length > 0) for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) / length;
    return vector;
  }

  private add(vector: Float32Array, feature: string, weight: number): void {
    const hash = fnv1a(feature);
    const index = hash % this.dimension;
    // An independent bit picks the sign so collisions cancel out on average instead of piling up.
    const sign = fnv1a(`s:${feature}`) & 1 ? 1 : -1;
    vector[index] = (vector[index] as number) + sign * weight;
  }
}

/** 32-bit FNV-1a over UTF-16 code units: tiny, fast and identical everywhere. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
