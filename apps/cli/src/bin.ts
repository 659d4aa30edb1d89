#!/usr/bin/env node
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

const interrupt = new AbortController();
// The first Ctrl-C stops work at the next record (a copy keeps its checkpoint); a second one kills.
process.once('SIGINT', () => interrupt.abort());
process.exitCode = await runCli(process.argv.slice(2), processIo(), interrupt.signal);
