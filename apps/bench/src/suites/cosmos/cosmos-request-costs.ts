import type { RecordedRequest } from '@alma/adapter-cosmos/testing';
import { type MemoryInput, uuidv7 } from '@alma/core';
import { randomVector, seededRandom } from '@alma/core/testing';
import type { BenchTable } from '../../bench-suite.js';
import { BENCH_DIMENSION, type CosmosBench } from './cosmos-bench-target.js';

const PROJECT = 'bench-costs';

function heuristic(random: () => number, i: number): MemoryInput<'heuristic'> {
  return {
    projectId: PROJECT,
    agent: `agent-${i % 5}`,
    condition: `condition ${i}`,
    strategy: `strategy word${i % 7}`,
    confidence: (i % 10) / 10,
    embedding: randomVector(random, BENCH_DIMENSION),
  };
}

interface Cost {
  readonly operation: string;
  readonly requests: readonly RecordedRequest[];
}

/** Runs each contract operation once on a warm store and records what it sent. */
async function measureCosts(bench: CosmosBench): Promise<Cost[]> {
  const { store, recorder } = bench;
  const random = seededRandom(17);
  const seeded = (await store.heuristics.putMany(Array.from({ length: 300 }, (_, i) => heuristic(random, i))))
    .items;
  const [first, second, third] = seeded;
  const where = { projectId: PROJECT, agent: 'agent-1', confidence: { gte: 0.3 } };
  const vector = randomVector(random, BENCH_DIMENSION);
  const steps: [string, () => Promise<unknown>][] = [
    ['put', () => store.heuristics.put(heuristic(random, 1_000))],
    [
      'putMany (100)',
      () => store.heuristics.putMany(Array.from({ length: 100 }, (_, i) => heuristic(random, i))),
    ],
    ['get', () => store.heuristics.get(first!)],
    ['get (absent)', () => store.heuristics.get({ projectId: PROJECT, id: uuidv7() })],
    [
      'update (3 fields)',
      () => store.heuristics.update(first!, { confidence: 0.5, strategy: 'changed', metadata: { a: 1 } }),
    ],
    [
      'increment (+set)',
      () => store.heuristics.increment(second!, { occurrenceCount: 1 }, { confidence: 0.9 }),
    ],
    ['delete', () => store.heuristics.delete(third!)],
    [
      'find (page of 100)',
      () => store.heuristics.find({ where, orderBy: { field: 'confidence' }, limit: 100 }),
    ],
    ['count', () => store.heuristics.count(where)],
    ['search vector (k=10, filtered)', () => store.heuristics.search({ where, vector, k: 10 })],
    ['search text', () => store.heuristics.search({ where: { projectId: PROJECT }, text: 'word3', k: 10 })],
    [
      'search hybrid',
      () => store.heuristics.search({ where: { projectId: PROJECT }, text: 'word3', vector, k: 10 }),
    ],
    [
      'deleteWhere (~40 matches)',
      () => store.heuristics.deleteWhere({ projectId: PROJECT, agent: 'agent-4', confidence: { lt: 0.5 } }),
    ],
    [
      'scan (one project)',
      async () => {
        for await (const _ of store.heuristics.scan({ projectId: PROJECT }));
      },
    ],
  ];
  const costs: Cost[] = [];
  for (const [operation, run] of steps)
    costs.push({ operation, requests: (await recorder.during(run)).requests });
  return costs;
}

const DATA_KINDS = new Set(['point', 'write', 'batch', 'query']);

export async function requestCostTable(
  bench: CosmosBench,
): Promise<{ table: BenchTable; figures: Record<string, number> }> {
  const costs = await measureCosts(bench);
  const real = !bench.target.standIn;
  const figures: Record<string, number> = {};
  const rows = costs.map(({ operation, requests }) => {
    const data = requests.filter((request) => DATA_KINDS.has(request.kind)).length;
    const plans = requests.filter((request) => request.kind === 'query-plan').length;
    const crossPartition = requests.filter((request) => request.kind === 'cross-partition-query').length;
    const units = requests.reduce((sum, request) => sum + (request.requestCharge ?? 0), 0);
    figures[`requests.${operation}`] = data;
    if (real) figures[`ru.${operation}`] = units;
    return [operation, data, plans, crossPartition, requests.length, real ? units : 'n/a'];
  });
  return {
    table: {
      title: 'requests per contract operation (warm client, one partition of 300-400 heuristics)',
      columns: ['operation', 'data requests', 'query plans', 'cross-partition', 'all HTTP', 'RU'],
      rows,
      notes: [
        'data requests are what a real account charges request units for; a query plan is the SDK asking the gateway how to run a query (no data read).',
        real
          ? 'RU: x-ms-request-charge summed over the operation, as this account charged it.'
          : 'RU: n/a on the stand-in, which reports 1 for every request; run with COSMOS_ENDPOINT and COSMOS_KEY for real charges.',
      ],
    },
    figures,
  };
}
