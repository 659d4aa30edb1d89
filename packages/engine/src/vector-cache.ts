import type { Embedder } from '@alma/core';
import { DimensionMismatchError, StorageError } from '@alma/core';

/**
 * Embeds texts through one embedder, one call per batch of texts it has not seen lately. Learning
 * compares the same few strategy texts again and again; this keeps that to one embedding each.
 */
export class VectorCache {
  private readonly entries = new Map<string, Float32Array>();

  constructor(
    readonly embedder: Embedder,
    private readonly capacity = 4_096,
  ) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const found = new Map<string, Float32Array>();
    const missing = new Set<string>();
    for (const text of texts) {
      if (found.has(text) || missing.has(text)) continue;
      const cached = this.entries.get(text);
      if (cached) {
        // Re-inserting moves the entry to the young end of the Map's order (LRU).
        this.entries.delete(text);
        this.entries.set(text, cached);
        found.set(text, cached);
      } else missing.add(text);
    }
    if (missing.size > 0) {
      const asked = [...missing];
      const vectors = await this.embedder.embed(asked);
      if (vectors.length !== asked.length) {
        throw new StorageError(
          `${this.embedder.id} returned ${vectors.length} vectors for ${asked.length} texts`,
        );
      }
      asked.forEach((text, i) => {
        const vector = vectors[i]!;
        if (vector.length !== this.embedder.dimension) {
          throw new DimensionMismatchError(this.embedder.dimension, vector.length, {
            details: { embedder: this.embedder.id },
          });
        }
        found.set(text, vector);
        this.remember(text, vector);
      });
    }
    return texts.map((text) => found.get(text)!);
  }

  private remember(text: string, vector: Float32Array): void {
    this.entries.set(text, vector);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
