import type { Readable, Writable } from 'node:stream';

/** Where a command reads and writes: the process's streams in `bin.ts`, buffers in tests. */
export interface CliIo {
  /** Results: text for people, or one JSON document with `--json`. */
  out(text: string): void;
  /** Errors, warnings and progress. */
  err(text: string): void;
  /** Progress bars are drawn only on a terminal. */
  readonly errIsTty: boolean;
  readonly stdin: Readable;
  /** The same destination as `out`, as a stream: bulk output (exports) honours its backpressure. */
  readonly stdout: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    errIsTty: process.stderr.isTTY === true,
    stdin: process.stdin,
    stdout: process.stdout,
    env: process.env,
    cwd: process.cwd(),
  };
}
