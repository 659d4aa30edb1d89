import type { BenchReport, BenchSuite } from '../../bench-suite.js';
import { groundTruth } from '../vector/vector-ground-truth.js';
import { K, runCycle } from './peer-cycle.js';
import { medianFigures, type PeerFigures } from './peer-figures.js';
import { PEER_SYSTEMS } from './peer-systems.js';
import { compare, type DatasetResult, outOfReach } from './peers-comparison.js';
import { DATASET_SHAPES, makePeerDataset } from './peers-dataset.js';
import { figuresOf, figureTables, type RunShape, ratioTable } from './peers-report.js';

const ROUNDS = 3;
const WARMUP_QUERIES = 5;

/** Round r's order: the list rotated by r, so no system is always first (cold) or last (after the others). */
function rotated<T>(items: readonly T[], round: number): T[] {
  return items.map((_, i) => items[(i + round) % items.length]!);
}

/** `pnpm bench peers`: ALMA's stores against the stores a TypeScript team would pick instead, interleaved. */
export const peersSuite: BenchSuite = {
  name: 'peers',
  description:
    'ALMA PostgreSQL and SQLite stores vs LangGraph.js PostgresStore and mem0 PGVector, same data, same server',
  async run({ quick }): Promise<BenchReport> {
    const sizes = quick ? [10_000] : [10_000, 100_000];
    const run: RunShape = { rounds: ROUNDS, queries: quick ? 50 : 100, warmups: WARMUP_QUERIES };
    // One small cycle per system first: drivers, JIT and the server's caches are then warm for all of them.
    const warmup = makePeerDataset('clustered', 1_000, 1, 1);
    const warmupTruth = groundTruth(warmup, K);
    for (const make of PEER_SYSTEMS) await runCycle(make(), warmup, warmupTruth);
    const results: DatasetResult[] = [];
    // Per data shape: configurations found out of reach on the smaller set skip the larger ones too.
    const outOfReachIn = new Map(DATASET_SHAPES.map((shape) => [shape, new Set<string>()] as const));
    for (const size of sizes) {
      for (const shape of DATASET_SHAPES) {
        const dataset = makePeerDataset(shape, size, run.queries, run.warmups);
        const truth = groundTruth(dataset, K);
        const rounds = new Map<string, PeerFigures[]>();
        const skipped = outOfReachIn.get(shape)!;
        for (let round = 0; round < ROUNDS; round++) {
          // A full run takes long: say where it is, on stderr so the tables stay clean.
          process.stderr.write(`peers: ${shape} ${size} round ${round + 1}/${ROUNDS}\n`);
          for (const make of rotated(PEER_SYSTEMS, round)) {
            const system = make();
            if (skipped.has(system.key) || size > (system.maxRecords ?? size)) continue;
            const figures = await runCycle(system, dataset, truth);
            rounds.set(system.key, [...(rounds.get(system.key) ?? []), figures]);
          }
          if (round === 0) {
            const first = new Map([...rounds].map(([key, list]) => [key, list[0]!] as const));
            for (const key of outOfReach(first)) skipped.add(key);
          }
        }
        results.push({
          shape,
          size,
          systems: new Map([...rounds].map(([key, list]) => [key, medianFigures(list)] as const)),
          rounds: new Map([...rounds].map(([key, list]) => [key, list.length] as const)),
        });
      }
    }
    const systems = PEER_SYSTEMS.map((make) => make());
    const comparisons = compare(results);
    return {
      suite: 'peers',
      quick,
      tables: [...figureTables(results, systems, run), ratioTable(comparisons, systems, run)],
      figures: figuresOf(results, comparisons, systems, run),
    };
  },
};
