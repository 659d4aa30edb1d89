import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from source there, as `pnpm alma` does. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../../../cli/src/bin.ts', import.meta.url));

/**
 * Runs `alma … --json` in a process of its own, so that its peak RSS is the command's alone, and
 * returns the parsed result; fails with stderr when the command does. `heapCapMb` caps V8's heap:
 * a command that kept memory per record would then fail instead of merely growing.
 */
export function runAlmaJson<T>(args: readonly string[], heapCapMb?: number): Promise<T> {
  const cap = heapCapMb === undefined ? [] : [`--max-old-space-size=${heapCapMb}`];
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...cap, '--import', 'tsx', '--conditions=@alma/source', CLI, ...args, '--json'],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as T);
      else reject(new Error(`alma ${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}
