import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@alma/adapter-sql/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built server, as installed (turbo builds it before these tests): cluster workers fork the
// very entry point the primary runs.
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** Every server started here, killed with its workers if a test ends without stopping it. */
const started: ChildProcess[] = [];

interface Served {
  readonly child: ChildProcess;
  readonly line: string;
  /** Settles when the process ends, with its exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
}

/** Starts `serve` and resolves with the process and the first line it prints to stdout. */
async function serve(args: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--log-level', 'warn', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  // Listened for from the start: an exit is never missed, however late the test asks for it.
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  let errors = '';
  child.stderr!.on('data', (chunk) => {
    errors += chunk;
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('\n')) resolve(output.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${errors}`)));
  });
  return { child, line, exited };
}

async function childrenOf(pid: number): Promise<number[]> {
  const { stdout } = await promisify(execFile)('ps', ['-o', 'pid=', '--ppid', String(pid)], {
    timeout: 10_000,
  }).catch(() => ({
    stdout: '',
  }));
  return stdout
    .split('\n')
    .map((text) => Number(text.trim()))
    .filter((value) => value > 0);
}

describe('alma serve --workers', () => {
  let database: PostgresTestDatabase;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('alma_workers');
  });
  afterAll(async () => {
    for (const child of started) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      for (const pid of await childrenOf(child.pid!)) process.kill(pid, 'SIGKILL');
      child.kill('SIGKILL');
    }
    await database.drop();
  });

  it('runs N processes on one port over PostgreSQL, and stops them all on SIGTERM', {
    timeout: 60_000,
  }, async () => {
    const { child, line, exited } = await serve([
      '--store',
      database.connectionString,
      '--insecure-local',
      '--workers',
      '2',
    ]);
    try {
      expect(line).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ with 2 workers/);
      const url = /(http:\/\/\S+)/.exec(line)![1]!;
      expect(await childrenOf(child.pid!)).toHaveLength(2);
      // Writes through either worker land in the one database and are read back through any.
      // 32 identical learns at once through both workers, naming new agents meanwhile (each one
      // rebuilds that worker's engine): one heuristic, counting every outcome once (issue 14).
      const learn = (agent: string) =>
        fetch(`${url}/v1/projects/default/learn`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            agent,
            taskType: 'deploy',
            taskDescription: 'deploy the payments service',
            success: true,
            strategyUsed: 'canary first',
          }),
        }).then((response) => response.status);
      const learned = await Promise.all(
        Array.from({ length: 32 }, (_, i) => [
          learn('coder'),
          ...(i % 4 === 0 ? [learn(`agent-${i}`)] : []),
        ]).flat(),
      );
      expect(learned.every((status) => status < 300)).toBe(true);
      const stats = (await fetch(`${url}/v1/projects/default/stats`).then((response) => response.json())) as {
        counts: { outcome: number; heuristic: number };
      };
      expect(stats.counts.outcome).toBe(40);
      const page = (await fetch(`${url}/v1/projects/default/heuristics?agent=coder`).then((response) =>
        response.json(),
      )) as { items: { occurrenceCount: number; successCount: number }[] };
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({ occurrenceCount: 32, successCount: 32 });
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(await childrenOf(child.pid!)).toEqual([]);
  });

  it('refuses several workers on a store only one process may open', async () => {
    const failed = await promisify(execFile)(process.execPath, [
      BIN,
      'serve',
      '--store',
      'sqlite:./never-opened.db',
      '--workers',
      '2',
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain(
      '--workers 2 needs a store several processes can open',
    );
  });
});
