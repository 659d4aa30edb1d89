import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built `alma` binary: what `npm i -g` would install. Turbo builds it before these tests run. */
export const BUILT_CLI = fileURLToPath(new URL('../../apps/cli/dist/bin.js', import.meta.url));

export function assertCliBuilt(): void {
  if (!existsSync(BUILT_CLI)) {
    throw new Error(
      `${BUILT_CLI} is missing: build it first (pnpm build, or pnpm exec turbo run build --filter=@alma/cli...)`,
    );
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the built binary; `finished` resolves with its exit and output. */
export function startBuiltCli(
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: Record<string, string> },
): { child: ChildProcess; finished: Promise<CliRun> } {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const finished = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, finished };
}

export function runBuiltCli(
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: Record<string, string> },
): Promise<CliRun> {
  return startBuiltCli(args, options).finished;
}
