import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSuite, BenchTable } from '../../bench-suite.js';
import { quantile } from '../../measure.js';
import { REPO_ROOT } from '../transfer/transfer-cli.js';
import { type ProcessTiming, timeProcess } from './time-process.js';

/** The built binary, as `npm i -g` installs it; `pnpm alma` runs the same file after its build check. */
const BIN = join(REPO_ROOT, 'apps/cli/dist/bin.js');
const RUNNER = join(REPO_ROOT, 'scripts/run-alma.mjs');
const TARGET_MS = 1_000;

/**
 * How long `alma` takes to start and answer, each command in a process of its own, several times:
 * `--version` and `--help` (no store), `stats` on a small SQLite store (one backend loaded), and
 * `pnpm alma --version` (the build check first). `node -e 0` is Node's own floor on this machine.
 */
export const startupSuite: BenchSuite = {
  name: 'startup',
  description:
    'alma start-up: --version, --help and stats on SQLite from the built binary, p50/p95 of several runs',
  async run({ quick }) {
    const runs = quick ? 5 : 20;
    const directory = await mkdtemp(join(tmpdir(), 'alma-bench-startup-'));
    try {
      // Builds the CLI when it is missing or stale, as `pnpm alma` would, so the binary timed is current.
      await timeProcess([RUNNER, '--version'], REPO_ROOT);
      const store = `sqlite:${join(directory, 'small.db')}`;
      await timeProcess([BIN, 'quickstart', '--store', store], directory);
      // [figure key, row name, node's arguments, target]
      const commands: [string, string, string[], number | null][] = [
        ['node', 'node -e 0 (floor)', ['-e', '0'], null],
        ['version', 'alma --version', [BIN, '--version'], TARGET_MS],
        ['help', 'alma --help', [BIN, '--help'], TARGET_MS],
        [
          'stats',
          'alma stats (sqlite)',
          [BIN, 'stats', '--store', store, '--project', 'quickstart'],
          TARGET_MS,
        ],
        ['runnerVersion', 'pnpm alma --version (runner)', [RUNNER, '--version'], null],
      ];
      const figures: Record<string, number> = {};
      const rows: (string | number)[][] = [];
      for (const [key, name, args, target] of commands) {
        // One unmeasured run first: the file system cache, not the CLI, would dominate it.
        await timeProcess(args, directory);
        const samples: ProcessTiming[] = [];
        for (let i = 0; i < runs; i += 1) samples.push(await timeProcess(args, directory));
        const wall = samples.map((sample) => sample.wallMs);
        const p50 = Math.round(quantile(wall, 0.5));
        const p95 = Math.round(quantile(wall, 0.95));
        const cpu = Math.round(
          quantile(
            samples.map((sample) => sample.cpuMs),
            0.5,
          ),
        );
        figures[`${key}.p50Ms`] = p50;
        figures[`${key}.p95Ms`] = p95;
        figures[`${key}.cpuP50Ms`] = cpu;
        rows.push([name, runs, p50, p95, cpu, target === null ? '' : p50 < target ? 'yes' : 'NO']);
      }
      const table: BenchTable = {
        title: `alma start-up, ${runs} runs each (wall time from spawn to exit)`,
        columns: ['command', 'runs', 'p50 ms', 'p95 ms', 'CPU p50 ms', `p50 < ${TARGET_MS} ms`],
        rows,
        notes: [
          'The built binary (apps/cli/dist/bin.js); heavy modules (Fastify, the MCP SDK, database drivers) load only for the commands that use them.',
          'stats opens one SQLite store: its adapter package (Prisma, LanceDB) is the bulk of the time above --version.',
          'pnpm alma adds a turbo build check (a cache hit here) before the same binary; pnpm itself is not timed.',
          'CPU: user + system time of the process itself, all threads (not the turbo check of the runner row).',
          'On a shared or loaded machine the wall times rise with the load, the CPU times far less; compare rows of one run.',
        ],
      };
      return { suite: 'startup', quick, tables: [table], figures };
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  },
};
