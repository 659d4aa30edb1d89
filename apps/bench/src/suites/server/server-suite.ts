import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HashingEmbedder } from '@alma/engine';
import type { BenchSuite, BenchTable } from '../../bench-suite.js';
import { quantile } from '../../measure.js';
import { BENCH_AGENTS, BENCH_PROJECT, benchTasks, loadMemories } from '../engine/engine-dataset.js';
import { type BenchTarget, postgresTarget, sqliteTarget } from '../sql/sql-bench-targets.js';
import { type LoadResult, runLoad } from './load-run.js';
import { runServerCommand, startServerProcess } from './server-process.js';

const CLIENTS = 32;
const PROJECT = BENCH_PROJECT;
/** An agent with a share of every kind's memories (the engine bench's agents). */
const AGENT = BENCH_AGENTS[1]!;
const TASK_TYPES = ['deploy', 'refactor', 'debug', 'test', 'review'];
const TASKS = benchTasks(97);

/** What one request of each operation sends, varied by its sequence number. */
const OPERATIONS = {
  retrieve: (i: number) => ({
    path: 'retrieve',
    body: { task: TASKS[i % TASKS.length], agent: AGENT, userId: `user-${i % 100}` },
  }),
  learn: (i: number) => ({
    path: 'learn',
    body: {
      agent: AGENT,
      taskType: TASK_TYPES[i % TASK_TYPES.length],
      taskDescription: `${TASK_TYPES[i % TASK_TYPES.length]} the service number ${i % 97}`,
      success: i % 4 !== 0,
      strategyUsed: `strategy ${i % 7}: small steps with a check after each`,
      durationMs: 100 + (i % 900),
    },
  }),
} as const;

interface Backend {
  readonly name: string;
  readonly target: () => Promise<BenchTarget>;
  readonly storeUrl: (target: BenchTarget) => string;
  /** `alma serve --workers`: processes sharing the port. */
  readonly workers: number;
}

const BACKENDS: readonly Backend[] = [
  { name: 'sqlite', target: sqliteTarget, storeUrl: (target) => `sqlite:${target.location}`, workers: 1 },
  { name: 'postgres', target: postgresTarget, storeUrl: (target) => target.location, workers: 1 },
  {
    name: 'postgres-2-workers',
    target: postgresTarget,
    storeUrl: (target) => target.location,
    workers: 2,
  },
];

/**
 * `pnpm bench server`: requests per second and p50/p99 latency of retrieve and learn over real
 * HTTP on loopback, 32 concurrent clients, against the server running in its own process.
 */
export const serverSuite: BenchSuite = {
  name: 'server',
  description: `REST retrieve and learn over loopback HTTP, ${CLIENTS} concurrent clients, server in its own process`,
  async run({ quick }) {
    const durationMs = quick ? 3_000 : 15_000;
    const perKind = quick ? 2_000 : 10_000;
    const rows: (string | number)[][] = [];
    const figures: Record<string, number> = {};
    for (const backend of BACKENDS) {
      const target = await backend.target();
      try {
        await seedStore(target, perKind);
        const measured = await measureBackend(backend.storeUrl(target), backend.workers, durationMs);
        figures[`${backend.name}.peakRssMb`] = measured.peakRssMb;
        for (const [operation, result] of measured.results) {
          const rps = result.requests / result.seconds;
          const p50 = quantile(result.latencies, 0.5);
          const p99 = quantile(result.latencies, 0.99);
          rows.push([
            backend.name,
            operation,
            result.requests,
            rps,
            p50,
            p99,
            result.errors,
            measured.peakRssMb,
          ]);
          Object.assign(figures, {
            [`${backend.name}.${operation}.rps`]: rps,
            [`${backend.name}.${operation}.p50_ms`]: p50,
            [`${backend.name}.${operation}.p99_ms`]: p99,
            [`${backend.name}.${operation}.errors`]: result.errors,
          });
        }
      } finally {
        await target.dispose();
      }
    }
    for (const operation of Object.keys(OPERATIONS)) {
      const one = figures[`postgres.${operation}.rps`];
      const two = figures[`postgres-2-workers.${operation}.rps`];
      if (one !== undefined && two !== undefined)
        figures[`ratio.postgres.workers2vs1.${operation}Rps`] = two / one;
    }
    const table: BenchTable = {
      title: `REST API under ${CLIENTS} concurrent clients (${durationMs / 1_000} s per operation)`,
      columns: [
        'store',
        'operation',
        'requests',
        'req/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'server peak RSS MB',
      ],
      rows,
      notes: [
        `store seeded with ${perKind.toLocaleString('en')} memories per kind first (the engine bench's data, 10 agents); hashing embedder (384-d); one API key; rate limit raised for the run`,
        `retrieve and learn as ${AGENT}, who reads its own memories and those it inherits`,
        'errors: any answer other than 2xx, or a failed connection; it must be 0',
        'server peak RSS: the largest high-water mark (VmHWM) of a server process (primary or worker) over the whole run',
        'postgres-2-workers: alma serve --workers 2 (node:cluster, one port); ratio.postgres.workers2vs1 in the JSON',
      ],
    };
    return { suite: 'server', quick, tables: [table], figures };
  },
};

/** Loads the engine bench's memories into the store the server will open, with the server's embedder. */
async function seedStore(target: BenchTarget, perKind: number): Promise<void> {
  const embedder = new HashingEmbedder(384);
  const { store } = await target.openStore(embedder.dimension);
  try {
    await loadMemories(store, embedder, perKind, Date.now());
  } finally {
    await store.close();
  }
}

async function measureBackend(
  storeUrl: string,
  workers: number,
  durationMs: number,
): Promise<{ results: [string, LoadResult][]; peakRssMb: number }> {
  const directory = await mkdtemp(join(tmpdir(), 'alma-bench-server-'));
  const keysFile = join(directory, 'keys.json');
  const { token } = JSON.parse(
    await runServerCommand(['keys', 'create', '--project', PROJECT, '--keys', keysFile, '--json']),
  ) as { token: string };
  const server = await startServerProcess([
    '--store',
    storeUrl,
    '--port',
    '0',
    '--keys',
    keysFile,
    '--rate-limit',
    '10000000',
    '--log-level',
    'warn',
    '--workers',
    String(workers),
  ]);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const send = async (operation: keyof typeof OPERATIONS, sequence: number) => {
    const { path, body } = OPERATIONS[operation](sequence);
    const response = await fetch(`${server.url}/v1/projects/${PROJECT}/${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return response.status;
  };
  try {
    const results: [string, LoadResult][] = [];
    for (const operation of Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[]) {
      const result = await runLoad({
        clients: CLIENTS,
        durationMs,
        maxRequests: 1_000_000,
        send: (i) => send(operation, i),
      });
      results.push([operation, result]);
    }
    return { results, peakRssMb: await server.peakRssMb() };
  } finally {
    await server.stop();
    await rm(directory, { recursive: true, force: true });
  }
}
