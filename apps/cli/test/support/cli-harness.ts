import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli-io.js';
import { runCli } from '../../src/run-cli.js';

export interface AlmaRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `alma` in this process with its own streams and working directory; returns the exit code and output. */
export async function runAlma(
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: Record<string, string>; readonly stdin?: string },
): Promise<AlmaRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    errIsTty: false,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout: new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        out += chunk.toString();
        done();
      },
    }),
    // Only what the test gives: an ALMA_STORE or COSMOS_KEY of the machine must not leak in.
    env: { ...options.env },
    cwd: options.cwd,
  };
  const code = await runCli(args, io, new AbortController().signal);
  return { code, out, err };
}

/** Runs `alma … --json` and parses its output, failing with stderr when it did not exit 0. */
export async function almaJson<T = Record<string, unknown>>(
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: Record<string, string> },
): Promise<T> {
  const run = await runAlma([...args, '--json'], options);
  if (run.code !== 0) throw new Error(`alma ${args.join(' ')} exited ${run.code}: ${run.err}`);
  return JSON.parse(run.out) as T;
}
