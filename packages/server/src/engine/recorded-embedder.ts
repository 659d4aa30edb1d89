import type { Embedder, StoreManifest } from '@alma/core';
import { HashingEmbedder } from '@alma/engine';

/** The dimension of a new store's vectors when nothing names an embedder: the offline default's. */
export const DEFAULT_DIMENSION = 384;

/**
 * The embedder a store's manifest names when the server can build it without settings: the
 * offline hashing embedder (also for a new store). Null when the store holds another embedder's
 * vectors, which needs a configuration file with an `embedder` section.
 */
export function recordedEmbedder(manifest: StoreManifest | null): Embedder | null {
  if (manifest === null || manifest.embedder === null) {
    return new HashingEmbedder(manifest?.dimension ?? DEFAULT_DIMENSION);
  }
  const hashing = /^hashing-v1:(\d+)$/.exec(manifest.embedder);
  return hashing && Number(hashing[1]) === manifest.dimension
    ? new HashingEmbedder(manifest.dimension)
    : null;
}
