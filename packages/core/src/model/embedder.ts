/** Turns texts into vectors of a fixed dimension. */
export interface Embedder {
  /** Stable identity recorded in the store, e.g. `hashing-v1:384`; vectors of different ids never mix. */
  readonly id: string;
  readonly dimension: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}
