import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/**
 * Milliseconds from spawning `node …args` to its exit: what a user waits for, Node's own start-up
 * included. Fails with the command's stderr when it does not exit 0.
 */
export function timeProcess(args: readonly string[], cwd: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`node ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(performance.now() - started);
    });
  });
}
