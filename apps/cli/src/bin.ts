#!/usr/bin/env node
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';
import { StdoutClosed } from './stdout-closed.js';
import { keepWasmOnBaselineTier } from './wasm-tiering.js';

const argv = process.argv.slice(2);
keepWasmOnBaselineTier(argv.find((arg) => !arg.startsWith('-')));

const stop = new AbortController();
// The first Ctrl-C stops work at the next record (a copy keeps its checkpoint); a second one kills.
process.once('SIGINT', () => stop.abort());
// A reader that stops early (`alma export | head`) is no error: the command stops quietly, exit 0.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stop.abort(new StdoutClosed());
});
// Nothing can be reported on a closed stderr; the exit code still says how the command ended.
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});
process.exitCode = await runCli(argv, processIo(), stop.signal);
