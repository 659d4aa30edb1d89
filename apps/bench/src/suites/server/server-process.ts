import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The workspace root: where `pnpm bench` runs the server entry from source, as `pnpm alma` does. */
function workspaceRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'pnpm-workspace.yaml'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('no pnpm-workspace.yaml above the bench suite');
    directory = parent;
  }
  return directory;
}

const ROOT = workspaceRoot();
const NODE_ARGS = ['--conditions=@alma/source', '--import', 'tsx', join(ROOT, 'packages/server/src/bin.ts')];

/** Runs one `alma-server` command to completion and returns what it printed. */
export async function runServerCommand(args: readonly string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [...NODE_ARGS, ...args], { cwd: ROOT });
  return stdout;
}

export interface ServerProcess {
  readonly url: string;
  /** The largest resident-set high-water mark so far (Linux `VmHWM`) of the server's processes (workers included), in MB. */
  peakRssMb(): Promise<number>;
  /** SIGTERM, then waits for the graceful shutdown (store closed) to end the process. */
  stop(): Promise<void>;
}

/**
 * Starts `alma-server serve` in a process of its own, so the load generator here never shares its
 * event loop, and resolves once it prints the address it listens on.
 */
export function startServerProcess(args: readonly string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, 'serve', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors = `${errors}${chunk}`.slice(-4_000);
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1]!, stop: () => stop(child), peakRssMb: () => peakRssMb(child) });
    });
    child.once('exit', (code) =>
      reject(new Error(`server exited with ${code} before listening:\n${errors}`)),
    );
  });
}

async function peakRssMb(child: ChildProcess): Promise<number> {
  const children = await readFile(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').catch(() => '');
  const pids = [child.pid!, ...children.split(' ').filter(Boolean).map(Number)];
  const peaks = await Promise.all(
    pids.map(async (pid) => {
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
    }),
  );
  return Math.max(...peaks);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
