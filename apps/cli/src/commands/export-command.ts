import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportStore } from '@alma/core';
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { STORE_FLAGS, STORE_HELP } from '../option-parsers.js';
import { startProgress } from '../progress-display.js';
import { openExistingStore } from '../store-session.js';

interface ExportFlags {
  readonly store?: string;
  readonly project?: string;
  readonly output?: string;
}

/** `alma export`: the store as NDJSON, streamed; the one lossless format every backend reads back. */
export function registerExportCommand(program: Command, context: CommandContext): void {
  program
    .command('export')
    .description('write the store (or one project) as NDJSON to stdout or a file, streaming')
    .option(STORE_FLAGS, STORE_HELP)
    .option('--project <id>', 'only this project')
    .option('-o, --output <file>', 'write here instead of stdout')
    .action((flags: ExportFlags) => runExport(context, flags));
}

async function runExport(context: CommandContext, flags: ExportFlags): Promise<void> {
  const { io } = context;
  const opened = await openExistingStore(io, flags.store);
  // Counts are per project: an export of every project has no total to show.
  const total =
    flags.project === undefined ? null : (await opened.store.stats({ projectId: flags.project })).total;
  const progress = startProgress(io, { enabled: true, label: 'exporting', total });
  try {
    const lines = exportStore(opened.store, flags.project === undefined ? {} : { projectId: flags.project });
    const counting = new Transform({
      transform(line: string, _encoding, done) {
        // Record lines are `{"kind":…}`; the header and the summary are not records.
        if (line.startsWith('{"kind":')) progress.advance();
        done(null, line);
      },
      writableObjectMode: true,
    });
    const destination =
      flags.output === undefined ? io.stdout : createWriteStream(resolve(io.cwd, flags.output));
    // stdout stays open after the export: other output may follow, and the process owns it.
    await pipeline(Readable.from(lines), counting, destination, {
      signal: context.signal,
      end: flags.output !== undefined,
    });
    progress.done();
  } finally {
    progress.stop();
    await opened.close();
  }
}
