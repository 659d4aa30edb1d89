import { readdirSync, readFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  BIN,
  REPO_ROOT,
  type RunningCommand,
  runBuilt,
  startCommand,
} from './support/spawn-built-alma.js';
import { useTempDirectory } from './support/temp-directory.js';

const cwd = useTempDirectory('alma-cli-serve-');
const quiet = ['--log-level', 'warn'];
const alma = (args: string[]) => runBuilt([...args, ...quiet], { cwd: cwd() });

/** Whether something accepts connections on the port: the server is up, or its port is still held. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The pids of a process's direct children (Linux: /proc), whichever of its threads started them. */
function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) => {
    const listed = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    return listed === '' ? [] : listed.split(/\s+/).map(Number);
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the process has exited and every process holding its output pipes has too. */
function fullyClosed(run: RunningCommand): Promise<void> {
  return new Promise((resolve) => {
    if (run.child.stdout.closed && run.child.stderr.closed && run.child.exitCode !== null) resolve();
    else run.child.once('close', () => resolve());
  });
}

describe('the built alma binary, serving', () => {
  beforeAll(assertBuilt);
  const running: RunningCommand[] = [];
  let blocker: Server | null = null;
  afterEach(async () => {
    for (const run of running.splice(0)) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await new Promise<void>((done) => (blocker ? blocker.close(() => done()) : done()));
    blocker = null;
  });

  /** One `alma learn` on the default store of the test's folder. */
  const learnOnce = () =>
    runBuilt(
      [
        'learn',
        '--agent',
        'coder',
        '--task-type',
        'refactor',
        '--task',
        'split a module',
        '--strategy',
        'small steps',
        '--success',
      ],
      { cwd: cwd() },
    );

  it('refuses a CLI writer on the SQLite store the server holds (STORE_LOCKED), and the server sees no half-write', async () => {
    const run = startCommand(process.execPath, [BIN, 'serve', '--insecure-local', '--port', '0', ...quiet], {
      cwd: cwd(),
      env: { PATH: process.env.PATH ?? '' },
    });
    running.push(run);
    const port = Number((await run.stdoutMatch(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    const learn = await learnOnce();
    expect(learn.code).toBe(1);
    expect(learn.stderr).toContain('STORE_LOCKED');
    expect(learn.stderr).toContain(String(run.child.pid));
    const stats = await fetch(`http://127.0.0.1:${port}/v1/projects/default/stats`);
    expect(((await stats.json()) as { total: number }).total).toBe(0);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    // Once the server has stopped, the CLI opens the store.
    const after = await learnOnce();
    expect(after.code).toBe(0);
  });

  it('says in one line that the port is in use, and exits 69', async () => {
    blocker = createServer();
    await new Promise<void>((done) => blocker!.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    const run = await alma(['serve', '--port', String(port), '--keys', 'keys.json']);
    expect(run.code).toBe(69);
    expect(run.stderr).toBe(
      `alma: port ${port} on 127.0.0.1 is in use: stop what holds it, or pick another --port (0 takes a free one) [ADDRESS_IN_USE]\n`,
    );
  });

  it('serves without keys only on hosts that resolve to loopback alone', async () => {
    const unresolvable = await alma(['serve', '--insecure-local', '--host', '127.evil.example']);
    expect(unresolvable.code).toBe(69);
    expect(unresolvable.stderr).toBe(
      'alma: --host 127.evil.example does not resolve to an address [HOST_NOT_FOUND]\n',
    );
    const outside = await alma(['serve', '--insecure-local', '--host', '10.1.2.3']);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toBe(
      'alma: --insecure-local serves without keys, so only on loopback addresses; 10.1.2.3 is not one [VALIDATION]\n',
    );
    const json = await alma(['serve', '--port', '0', '--host', '192.0.2.1', '--keys', 'keys.json']);
    expect(json.code).toBe(69);
    expect(json.stderr).toBe(
      'alma: --host 192.0.2.1 is not an address of this machine [ADDRESS_NOT_AVAILABLE]\n',
    );
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('closes the server and frees its port on %s', async (signal) => {
    const run = startCommand(process.execPath, [BIN, 'serve', '--insecure-local', '--port', '0', ...quiet], {
      cwd: cwd(),
      env: { PATH: process.env.PATH ?? '' },
    });
    running.push(run);
    const port = Number((await run.stdoutMatch(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    expect(await accepts(port)).toBe(true);
    run.child.kill(signal);
    expect(await run.exited).toBe(0);
    expect(await accepts(port)).toBe(false);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'leaves nothing running when pnpm alma serve gets %s',
    async (signal) => {
      // The real command: pnpm → the root script → the built CLI, exactly as a user starts it.
      const run = startCommand(
        'pnpm',
        [
          '--silent',
          'alma',
          'serve',
          '--insecure-local',
          '--port',
          '0',
          '--keys',
          join(cwd(), 'keys.json'),
          ...quiet,
        ],
        {
          cwd: REPO_ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? cwd(),
            ALMA_STORE: `sqlite:${join(cwd(), 'alma.db')}`,
          },
        },
      );
      running.push(run);
      const port = Number((await run.stdoutMatch(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
      const children = childrenOf(run.child.pid!);
      expect(children.length).toBeGreaterThan(0);
      run.child.kill(signal);
      // The server holds pnpm's output pipes: they close only once it has exited too.
      await fullyClosed(run);
      expect(children.filter(isAlive)).toEqual([]);
      expect(await accepts(port)).toBe(false);
    },
    120_000,
  );
});
