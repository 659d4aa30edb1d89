import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSuite, BenchTable } from '../../bench-suite.js';
import { quantile } from '../../measure.js';
import { type BenchTarget, postgresTarget, sqliteTarget } from '../sql/sql-bench-targets.js';
import { type LoadResult, runLoad } from './load-run.js';
import { runServerCommand, startServerProcess } from './server-process.js';

const CLIENTS = 32;
const PROJECT = 'bench';
const TASK_TYPES = ['deploy', 'refactor', 'debug', 'test', 'review'];

/** What one request of each operation sends, varied by its sequence number. */
const OPERATIONS = {
  retrieve: (i: number) => ({
    path: 'retrieve',
    body: { task: `${TASK_TYPES[i % TASK_TYPES.length]} the service number ${i % 97}`, agent: 'coder' },
  }),
  learn: (i: number) => ({
    path: 'learn',
    body: {
      agent: 'coder',
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
}

const BACKENDS: readonly Backend[] = [
  { name: 'sqlite', target: sqliteTarget, storeUrl: (target) => `sqlite:${target.location}` },
  { name: 'postgres', target: postgresTarget, storeUrl: (target) => target.location },
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
    const seed = quick ? 100 : 500;
    const rows: (string | number)[][] = [];
    const figures: Record<string, number> = {};
    for (const backend of BACKENDS) {
      const target = await backend.target();
      try {
        for (const [operation, result] of await measureBackend(backend.storeUrl(target), seed, durationMs)) {
          const rps = result.requests / result.seconds;
          const p50 = quantile(result.latencies, 0.5);
          const p99 = quantile(result.latencies, 0.99);
          rows.push([backend.name, operation, result.requests, rps, p50, p99, result.errors]);
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
    const table: BenchTable = {
      title: `REST API under ${CLIENTS} concurrent clients (${durationMs / 1_000} s per operation)`,
      columns: ['store', 'operation', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
      rows,
      notes: [
        `store seeded with ${seed} outcomes first; hashing embedder; one API key; rate limit raised for the run`,
        'errors: any answer other than 2xx, or a failed connection; it must be 0',
      ],
    };
    return { suite: 'server', quick, tables: [table], figures };
  },
};

async function measureBackend(
  storeUrl: string,
  seed: number,
  durationMs: number,
): Promise<[string, LoadResult][]> {
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
    const seeded = await runLoad({
      clients: 8,
      durationMs: 120_000,
      maxRequests: seed,
      send: (i) => send('learn', i),
    });
    if (seeded.errors > 0) throw new Error(`${seeded.errors} errors while seeding the store`);
    const results: [string, LoadResult][] = [];
    for (const operation of Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[]) {
      const result = await runLoad({
        clients: CLIENTS,
        durationMs,
        maxRequests: 1_000_000,
        send: (i) => send(operation, seed + i),
      });
      results.push([operation, result]);
    }
    return results;
  } finally {
    await server.stop();
    await rm(directory, { recursive: true, force: true });
  }
}
