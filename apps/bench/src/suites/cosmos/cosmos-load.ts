import type { MemoryInput } from '@alma/core';
import { randomVector, seededRandom } from '@alma/core/testing';
import type { BenchTable } from '../../bench-suite.js';
import { quantile, timeIt } from '../../measure.js';
import { BENCH_DIMENSION, type CosmosBench } from './cosmos-bench-target.js';

const BATCH = 1_000;
const PROJECT = 'bench-load';

function outcomes(n: number, projectId: string): MemoryInput<'outcome'>[] {
  const random = seededRandom(2026);
  return Array.from({ length: n }, (_, i) => ({
    projectId,
    agent: `agent-${i % 10}`,
    taskType: `type-${i % 20}`,
    taskDescription: `task ${i} about topic${i % 50}`,
    success: i % 3 !== 0,
    strategyUsed: `strategy ${i % 97}`,
    embedding: randomVector(random, BENCH_DIMENSION),
  }));
}

async function latencies(queries: number, run: (q: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let q = 0; q < queries; q++) samples.push(await timeIt(() => run(q)));
  return samples;
}

/** putMany throughput into one partition, then exact-fallback search latency over that partition. */
export async function loadTables(
  bench: CosmosBench,
  perPartition: number,
  queries: number,
): Promise<{ tables: BenchTable[]; figures: Record<string, number> }> {
  const { store } = bench;
  const data = outcomes(perPartition, PROJECT);
  const putMs = await timeIt(async () => {
    for (let i = 0; i < data.length; i += BATCH) await store.outcomes.putMany(data.slice(i, i + BATCH));
  });
  const perSecond = Math.round((perPartition / putMs) * 1000);
  const random = seededRandom(99);
  const vector = () => randomVector(random, BENCH_DIMENSION);
  const all = await latencies(queries, () =>
    store.outcomes.search({ where: { projectId: PROJECT }, vector: vector(), k: 10 }),
  );
  const filtered = await latencies(queries, (q) =>
    store.outcomes.search({
      where: { projectId: PROJECT, agent: `agent-${q % 10}` },
      vector: vector(),
      k: 10,
    }),
  );
  const text = await latencies(Math.max(3, Math.floor(queries / 4)), (q) =>
    store.outcomes.search({ where: { projectId: PROJECT }, text: `topic${q % 50}`, k: 10 }),
  );
  const mode = store.capabilities.vectorSearch === 'exact' ? 'exact fallback' : 'native DiskANN';
  const figures = {
    [`n${perPartition}.putManyPerSec`]: perSecond,
    [`n${perPartition}.vectorP50Ms`]: quantile(all, 0.5),
    [`n${perPartition}.vectorP95Ms`]: quantile(all, 0.95),
    [`n${perPartition}.filteredP50Ms`]: quantile(filtered, 0.5),
    [`n${perPartition}.filteredP95Ms`]: quantile(filtered, 0.95),
    [`n${perPartition}.textP50Ms`]: quantile(text, 0.5),
  };
  return {
    tables: [
      {
        title: `putMany into one partition (batches of ${BATCH}, ${BENCH_DIMENSION}-d embeddings)`,
        columns: ['records', 'seconds', 'records/s'],
        rows: [[perPartition, putMs / 1000, perSecond]],
      },
      {
        title: `search latency over one partition of ${perPartition.toLocaleString('en-US')} outcomes (${mode})`,
        columns: ['query', 'samples', 'p50 ms', 'p95 ms'],
        rows: [
          ['vector, k=10, whole partition', all.length, quantile(all, 0.5), quantile(all, 0.95)],
          [
            'vector, k=10, agent filter (1/10)',
            filtered.length,
            quantile(filtered, 0.5),
            quantile(filtered, 0.95),
          ],
          ['text, k=10', text.length, quantile(text, 0.5), quantile(text, 0.95)],
        ],
        notes: [
          'exact fallback: the matching documents stream in one single-partition query; the k best by exact cosine are kept and decoded.',
          bench.target.standIn
            ? 'stand-in: an in-process server that evaluates every query over every document and answers each SDK query-plan lookup by running the query too; a real account serves both from its index.'
            : 'real account: latency includes the network round trips to the account.',
        ],
      },
    ],
    figures,
  };
}
