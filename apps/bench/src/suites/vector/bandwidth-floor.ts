import { performance } from 'node:perf_hooks';
import { cosineTopK, normalize } from '@alma/vector';

/**
 * The floor an exact scan is measured against: one pass that only adds every float of the buffer,
 * row by row with two accumulators (measured in V8: the fastest plain sum, about twice as fast as
 * one flat loop over the whole buffer). The scan differs from it by the multiply, the query loads
 * and the top-k selection, so the ratio says how much those cost over reading the memory.
 */
export function streamingSum(buffer: Float32Array, dimension: number): number {
  let total = 0;
  for (let offset = 0; offset < buffer.length; offset += dimension) {
    let s0 = 0;
    let s1 = 0;
    let i = 0;
    for (; i + 1 < dimension; i += 2) {
      const o = offset + i;
      s0 += buffer[o]!;
      s1 += buffer[o + 1]!;
    }
    if (i < dimension) s0 += buffer[offset + i]!;
    total += s0 + s1;
  }
  return total;
}

export interface ScanVersusFloor {
  readonly scanMs: number;
  readonly floorMs: number;
  /** Exact scan over the floor: 1 would be pure memory bandwidth. */
  readonly ratio: number;
  readonly gigabytesPerSecond: number;
}

/** Times one exact top-10 scan and one streaming sum over the same buffer, alternating, best of `rounds`. */
export function measureScanFloor(
  block: Float32Array,
  dimension: number,
  query: Float32Array,
  rounds: number,
): ScanVersusFloor {
  const unit = normalize(query);
  const rows = block.length / dimension;
  let scanMs = Number.POSITIVE_INFINITY;
  let floorMs = Number.POSITIVE_INFINITY;
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    let start = performance.now();
    sink += cosineTopK(block, dimension, rows, unit, 10)[0]?.score ?? 0;
    scanMs = Math.min(scanMs, performance.now() - start);
    start = performance.now();
    sink += streamingSum(block, dimension);
    floorMs = Math.min(floorMs, performance.now() - start);
  }
  // The sink keeps both loops observable, so neither can be optimised away.
  if (Number.isNaN(sink)) throw new Error('unreachable: a finite buffer summed to NaN');
  return { scanMs, floorMs, ratio: scanMs / floorMs, gigabytesPerSecond: block.byteLength / 1e6 / floorMs };
}
