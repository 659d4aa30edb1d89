import { uuidv7 } from '@alma/core';
import { normalize, type VectorRow } from '@alma/vector';
import { clusteredVectors, seededRandom, uniformVector } from '@alma/vector/testing';
import { BENCH_DIMENSION, BENCH_PROJECT, type VectorDataset } from '../vector/vector-dataset.js';

/** Uniform data is the hard case for graph indexes; clustered data looks like real embeddings. */
export type DatasetShape = 'uniform' | 'clustered';
export const DATASET_SHAPES: readonly DatasetShape[] = ['uniform', 'clustered'];

/** Ten agents drawn at random per record: filtering on one keeps about 10% of the records. */
export const AGENTS: readonly string[] = Array.from({ length: 10 }, (_, i) => `agent-${i}`);
/** The agent of the filtered searches and of the delete by filter. */
export const FILTER_AGENT = AGENTS[3]!;
const CLUSTERS = 50;
const SEED = 20_261_201;

/** One record as every system stores it: the same id, unit vector, agent and text everywhere. */
export interface PeerRow extends VectorRow {
  readonly agent: string;
  /** The record's text: ALMA's condition, LangGraph's embedded field, mem0's memory. */
  readonly text: string;
}

/** A vector data set the exact ground truth understands (`rare` marks FILTER_AGENT's records). */
export interface PeerDataset extends VectorDataset {
  readonly shape: DatasetShape;
  readonly rows: readonly PeerRow[];
  /** Queries run before the measured ones and never scored: they warm caches and JIT only. */
  readonly warmups: readonly Float32Array[];
}

function vectorSource(shape: DatasetShape): () => Float32Array {
  if (shape === 'uniform') {
    const random = seededRandom(SEED);
    return () => uniformVector(random, BENCH_DIMENSION);
  }
  const points = clusteredVectors({ dimension: BENCH_DIMENSION, clusters: CLUSTERS, spread: 1, seed: SEED });
  return () => points.next();
}

/** Seeded 384-d data: the same vectors, agents and queries on every run (ids are fresh UUIDv7s). */
export function makePeerDataset(
  shape: DatasetShape,
  size: number,
  queryCount: number,
  warmupCount: number,
): PeerDataset {
  // Every vector is normalised once here, so every system stores and is queried with the same unit vectors.
  const source = vectorSource(shape);
  const next = () => normalize(source());
  const random = seededRandom(SEED + 1);
  const block = new Float32Array(size * BENCH_DIMENSION);
  const rare = new Uint8Array(size);
  const rows: PeerRow[] = [];
  for (let i = 0; i < size; i++) {
    const vector = next();
    const agent = AGENTS[Math.floor(random() * AGENTS.length)]!;
    block.set(vector, i * BENCH_DIMENSION);
    rare[i] = agent === FILTER_AGENT ? 1 : 0;
    rows.push({ projectId: BENCH_PROJECT, id: uuidv7(), vector, agent, text: `memory ${i} of ${agent}` });
  }
  // Queries come from the same distribution but are not records: a new task, not a stored one.
  const queries = Array.from({ length: queryCount }, next);
  const warmups = Array.from({ length: warmupCount }, next);
  return { shape, size, rows, block, rare, queries, warmups };
}
