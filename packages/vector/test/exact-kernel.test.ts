import { cosineSimilarity, ScoreHeap } from '@alma/core';
import { cosineTopK, dotAt, normalize, normalizeInto } from '@alma/vector';
import { seededRandom, uniformVector } from '@alma/vector/testing';
import { describe, expect, it } from 'vitest';

/** The obvious algorithm: score every row with core's cosine, sort everything, cut. */
function bruteForce(
  vectors: Float32Array[],
  query: Float32Array,
  k: number,
  keep: (row: number) => boolean = () => true,
) {
  return vectors
    .map((vector, row) => ({ row, score: cosineSimilarity(query, vector) }))
    .filter(({ row }) => keep(row))
    .sort((a, b) => b.score - a.score || a.row - b.row)
    .slice(0, k);
}

function blockOf(vectors: Float32Array[], dimension: number): Float32Array {
  const block = new Float32Array(vectors.length * dimension);
  vectors.forEach((vector, row) => {
    normalizeInto(vector, block, row * dimension);
  });
  return block;
}

describe('exact kernel', () => {
  it('selects the same top k as a full sort, for every k and dimension, with and without a prefilter', () => {
    const random = seededRandom(1);
    for (const dimension of [1, 3, 8, 17, 384]) {
      const vectors = Array.from({ length: 203 }, () => uniformVector(random, dimension));
      const block = blockOf(vectors, dimension);
      for (const k of [1, 4, 10, 203, 500]) {
        const query = uniformVector(random, dimension);
        const keep = (row: number) => row % 3 !== 1;
        for (const accept of [undefined, keep]) {
          const hits = cosineTopK(
            block,
            dimension,
            vectors.length,
            normalize(query),
            k,
            accept ? { accept } : {},
          );
          const truth = bruteForce(vectors, query, k, accept);
          expect(hits.map((hit) => hit.row)).toEqual(truth.map((hit) => hit.row));
          hits.forEach((hit, i) => {
            expect(hit.score).toBeCloseTo(truth[i]!.score, 6);
          });
        }
      }
    }
  });

  it('scores blocked rows and single rows to the same bit', () => {
    const random = seededRandom(2);
    const dimension = 384;
    const vectors = Array.from({ length: 7 }, () => uniformVector(random, dimension));
    const block = blockOf(vectors, dimension);
    const query = normalize(uniformVector(random, dimension));
    for (const hit of cosineTopK(block, dimension, 7, query, 7)) {
      expect(hit.score).toBe(dotAt(block, hit.row * dimension, query, dimension));
    }
  });

  it('breaks ties by the given order, by row otherwise', () => {
    const dimension = 4;
    const same = Float32Array.from([1, 2, 3, 4]);
    const block = blockOf([same, same, same, same, same], dimension);
    const query = normalize(same);
    expect(cosineTopK(block, dimension, 5, query, 3).map((hit) => hit.row)).toEqual([0, 1, 2]);
    const names = ['e', 'b', 'd', 'a', 'c'];
    const byName = cosineTopK(block, dimension, 5, query, 3, { before: (a, b) => names[a]! < names[b]! });
    expect(byName.map((hit) => names[hit.row])).toEqual(['a', 'b', 'c']);
  });

  it('normalises to unit length and leaves a zero vector at zero', () => {
    const unit = normalize(Float32Array.from([3, 4]));
    expect(Array.from(unit)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    const target = new Float32Array(4).fill(9);
    expect(normalizeInto(new Float32Array(2), target, 1)).toBe(false);
    expect(Array.from(target)).toEqual([9, 0, 0, 9]);
  });

  it('returns nothing for k = 0 or no rows', () => {
    const heap = new ScoreHeap(0);
    heap.offer(1, 1);
    expect(heap.results()).toEqual([]);
    expect(cosineTopK(new Float32Array(0), 3, 0, normalize(Float32Array.from([1, 0, 0])), 5)).toEqual([]);
  });
});
