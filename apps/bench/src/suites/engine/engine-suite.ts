import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAdapter } from '@alma/adapter-file';
import { SqlAdapter } from '@alma/adapter-sql';
import { createPostgresTestDatabase } from '@alma/adapter-sql/testing';
import { MemoryAdapter, MemoryStore, type StoreAdapter } from '@alma/core';
import { Alma, HashingEmbedder, type LearnInput } from '@alma/engine';
import { scenarioSteps } from '@alma/engine/testing';
import type { BenchSuite, BenchTable } from '../../bench-suite.js';
import { quantile, timeIt } from '../../measure.js';
import { BENCH_AGENTS, BENCH_PROJECT, benchTasks, loadMemories } from './engine-dataset.js';

const WARMUP = 3;

/** A store the engine can run on here, opened fresh in a scratch directory (or database). */
interface BenchStore {
  readonly name: string;
  open(directory: string): Promise<{ adapter: StoreAdapter; dispose(): Promise<void> }>;
}

const noDispose = async () => {};

const STORES: readonly BenchStore[] = [
  {
    name: 'sqlite (embedded default)',
    open: async (directory) => ({
      adapter: await SqlAdapter.open({ dialect: 'sqlite', file: join(directory, 'alma.db') }),
      dispose: noDispose,
    }),
  },
  {
    name: 'postgres',
    open: async () => {
      const database = await createPostgresTestDatabase('alma_bench_engine');
      return {
        adapter: await SqlAdapter.open({ dialect: 'postgres', connectionString: database.connectionString }),
        dispose: () => database.drop(),
      };
    },
  },
  { name: 'memory', open: async () => ({ adapter: new MemoryAdapter(), dispose: noDispose }) },
  {
    name: 'file',
    open: async (directory) => ({ adapter: await FileAdapter.open({ directory }), dispose: noDispose }),
  },
];

const agents = Object.fromEntries(
  BENCH_AGENTS.map((agent, i) => [
    agent,
    i % 2 === 0 ? { shareWith: [BENCH_AGENTS[i + 1]!] } : { inheritFrom: [BENCH_AGENTS[i - 1]!] },
  ]),
);

/** The engine scenario's outcomes (its agents are the bench's agents), repeated as needed. */
function learnInputs(count: number): LearnInput[] {
  const steps = scenarioSteps().map((step) => step.input);
  return Array.from({ length: count }, (_, i) => steps[i % steps.length]!);
}

/**
 * The engine over each available store: retrieve latency (all five kinds searched, scored and cut,
 * for an agent that also reads another's memories) with 10k and 100k memories per kind, then learn
 * throughput on the same loaded store.
 */
export const engineSuite: BenchSuite = {
  name: 'engine',
  description:
    'ALMA engine: retrieve latency and learn throughput on each available store, hashing embedder (384-d)',
  async run({ quick }) {
    const sizes = quick ? [10_000] : [10_000, 100_000];
    const queries = quick ? 20 : 50;
    const rows: (string | number)[][] = [];
    const figures: Record<string, number> = {};
    const embedder = new HashingEmbedder(384);
    for (const perKind of sizes) {
      for (const backend of STORES) {
        const directory = await mkdtemp(join(tmpdir(), 'alma-bench-engine-'));
        const opened = await backend.open(directory);
        try {
          const now = Date.UTC(2026, 0, 15);
          const clock = () => new Date(now);
          const store = await MemoryStore.open(opened.adapter, {
            dimension: embedder.dimension,
            embedder: embedder.id,
            clock,
          });
          const loadMs = await timeIt(() => loadMemories(store, embedder, perKind, now));
          const alma = new Alma({ store, embedder, config: { projectId: BENCH_PROJECT, agents }, clock });
          const tasks = benchTasks(queries + WARMUP);
          const latencies: number[] = [];
          let cpuStart = process.cpuUsage();
          for (const [i, task] of tasks.entries()) {
            if (i === WARMUP) cpuStart = process.cpuUsage();
            const ms = await timeIt(() => alma.retrieve(task, 'agent-1', { userId: 'user-1' }));
            if (i >= WARMUP) latencies.push(ms);
          }
          const cpu = process.cpuUsage(cpuStart);
          const cpuMsPerRetrieve = (cpu.user + cpu.system) / 1000 / latencies.length;
          const learns = learnInputs(perKind >= 100_000 ? (quick ? 100 : 300) : 1_000);
          const learnMs = await timeIt(async () => {
            for (const input of learns) await alma.learn(input);
          });
          await store.close();
          const learnPerSec = (learns.length / learnMs) * 1000;
          const key = `${backend.name}.n${perKind}`;
          rows.push([
            backend.name,
            perKind,
            Math.round((perKind * 5 * 1000) / loadMs),
            quantile(latencies, 0.5),
            quantile(latencies, 0.95),
            cpuMsPerRetrieve,
            learnPerSec,
          ]);
          Object.assign(figures, {
            [`${key}.loadRecordsPerSec`]: Math.round((perKind * 5 * 1000) / loadMs),
            [`${key}.retrieveP50Ms`]: quantile(latencies, 0.5),
            [`${key}.retrieveP95Ms`]: quantile(latencies, 0.95),
            [`${key}.retrieveCpuMs`]: cpuMsPerRetrieve,
            [`${key}.learnPerSec`]: learnPerSec,
          });
        } finally {
          await opened.dispose();
          await rm(directory, { recursive: true, force: true });
        }
      }
    }
    const table: BenchTable = {
      title: 'engine: retrieve and learn on each store (HashingEmbedder 384-d, 10 agents)',
      columns: [
        'store',
        'memories/kind',
        'load rec/s',
        'retrieve p50 ms',
        'retrieve p95 ms',
        'CPU ms/retrieve',
        'learn/s',
      ],
      rows,
      notes: [
        `retrieve: one task embedded, five kinds searched (50 nearest candidates each) among the memories of two agents (own + inherited), scored, top 5 kept; ${queries} tasks after ${WARMUP} warm-up.`,
        'learn: outcome saved, recent outcomes of the agent and task type weighed, heuristic / anti-pattern created or reinforced; on the loaded store.',
        'CPU ms/retrieve: this process only (user + system, all threads, LanceDB included); the PostgreSQL server processes are not counted.',
        'memory and file stores search exactly (every record of the project is compared), so retrieve grows linearly with them.',
      ],
    };
    return { suite: 'engine', quick, tables: [table], figures };
  },
};
