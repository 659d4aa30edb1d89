import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** What one run of a command cost. */
export interface ProcessTiming {
  /** From spawn to exit: what a user waits for, Node's own start-up included. */
  readonly wallMs: number;
  /** User and system CPU time of the process (all its threads), as it reports on exit. */
  readonly cpuMs: number;
}

const CPU_MARK = 'alma-bench-cpu-ms ';
// Preloaded into the timed process: on exit it reports its CPU time on stderr. On a loaded machine
// the wall time rises with the load, the CPU time much less: the two together tell them apart.
const REPORT_CPU = `data:text/javascript,${encodeURIComponent(
  `import { writeSync } from 'node:fs';
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeSync(2, '\\n${CPU_MARK}' + Math.round((user + system) / 1000) + '\\n');
});`,
)}`;

/** Runs `node …args` to completion and times it; fails with its stderr when it does not exit 0. */
export function timeProcess(args: readonly string[], cwd: string): Promise<ProcessTiming> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', REPORT_CPU, ...args],
      { cwd, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        const wallMs = performance.now() - started;
        if (error) return reject(new Error(`node ${args.join(' ')} failed: ${stderr || error.message}`));
        const cpu = stderr.lastIndexOf(CPU_MARK);
        resolve({
          wallMs,
          cpuMs: cpu < 0 ? Number.NaN : Number.parseInt(stderr.slice(cpu + CPU_MARK.length), 10),
        });
      },
    );
  });
}
