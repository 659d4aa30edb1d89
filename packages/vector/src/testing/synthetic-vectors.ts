import { seededRandom } from '@alma/core/testing';

/** The one deterministic generator of the project (core's), offered here beside the vector helpers. */
export { seededRandom };

/** A standard normal sample (Box–Muller). */
export function gaussian(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A vector of uniform values in [-1, 1). */
export function uniformVector(random: () => number, dimension: number): Float32Array {
  return Float32Array.from({ length: dimension }, () => random() * 2 - 1);
}

/** Shape of a clustered data set. */
export interface ClusteredVectorsOptions {
  readonly dimension: number;
  /** Cluster centres; real embeddings gather by topic, which is what makes ANN recall hard. */
  readonly clusters: number;
  /** Noise norm relative to a unit centre: 1 gives clusters that overlap, like sentence embeddings. */
  readonly spread: number;
  readonly seed: number;
}

/**
 * Clustered synthetic embeddings: random unit centres plus Gaussian noise, as unit vectors.
 * `next()` draws one more point (data or query) from the same distribution.
 */
export function clusteredVectors(options: ClusteredVectorsOptions): { next(): Float32Array } {
  const { dimension, clusters, spread } = options;
  const random = seededRandom(options.seed);
  const centres = Array.from({ length: clusters }, () =>
    unit(Float32Array.from({ length: dimension }, () => gaussian(random))),
  );
  const noise = spread / Math.sqrt(dimension);
  return {
    next() {
      const centre = centres[Math.floor(random() * clusters)]!;
      return unit(Float32Array.from(centre, (x) => x + gaussian(random) * noise));
    },
  };
}

function unit(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const x of vector) sum += x * x;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! * scale;
  return vector;
}
