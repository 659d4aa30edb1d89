import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The binary `npm i -g` would install; turbo builds it (and what it imports) before this package's tests. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
/** The repository root, where `pnpm alma` runs. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface BuiltRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fails early, with the command to run, when the binary has not been built. */
export function assertBuilt(): void {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: build it first (pnpm exec turbo run build --filter=@alma/cli...)`);
}

/**
 * Runs the built `alma` to completion in `cwd`, with only PATH from this environment (an ALMA_STORE
 * or COSMOS_KEY of the machine must not leak in) plus `env`.
 */
export function runBuilt(
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: Record<string, string>; readonly nodeArgs?: string[] },
): Promise<BuiltRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), BIN, ...args],
      {
        cwd: options.cwd,
        env: { PATH: process.env.PATH ?? '', ...options.env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

/** A long-running command (serve), its output so far, and the end of it. */
export interface RunningCommand {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process ends first. */
  stdoutMatch(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  stderr(): string;
}

/** Starts a command (e.g. the built `alma serve`, or `pnpm alma serve`) and watches its output. */
export function startCommand(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env: Record<string, string> },
): RunningCommand {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return {
    child,
    exited,
    stderr: () => stderr,
    stdoutMatch: (pattern) =>
      new Promise((resolve, reject) => {
        const look = () => {
          const match = pattern.exec(stdout);
          if (!match) return false;
          child.stdout.off('data', look);
          resolve(match);
          return true;
        };
        if (look()) return;
        child.stdout.on('data', look);
        void exited.then((end) =>
          reject(new Error(`exited (${end}) before printing ${pattern}:\n${stdout}\n${stderr}`)),
        );
      }),
  };
}
