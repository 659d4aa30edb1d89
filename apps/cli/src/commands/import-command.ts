import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { type OpenedStore, openStore } from '@alma/connect';
import {
  DEFAULT_COPY_BATCH_SIZE,
  type ImportReport,
  importRecords,
  NotFoundError,
  readExport,
} from '@alma/core';
import type { Command } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { JSON_HELP, STORE_FLAGS, STORE_HELP, wholeNumber } from '../option-parsers.js';
import { type Progress, startProgress } from '../progress-display.js';
import { storeLocation } from '../store-session.js';

interface ImportFlags {
  readonly store?: string;
  readonly batchSize: number;
  readonly json: boolean;
}

/** `alma import`: reads an export back into a store, new or existing; upserts, so re-running is harmless. */
export function registerImportCommand(program: Command, context: CommandContext): void {
  program
    .command('import')
    .description('read an NDJSON export into the store; a damaged line fails with its number')
    .argument('[file]', 'the export; - or nothing for stdin', '-')
    .option(STORE_FLAGS, STORE_HELP)
    .option('--batch-size <n>', 'records per write', wholeNumber(1, 10_000), DEFAULT_COPY_BATCH_SIZE)
    .option('--json', JSON_HELP, false)
    .action((file: string, flags: ImportFlags) => runImport(context, file, flags));
}

async function runImport(context: CommandContext, file: string, flags: ImportFlags): Promise<void> {
  const { io } = context;
  const location = storeLocation(io, flags.store);
  const started = performance.now();
  const path = file === '-' ? null : resolve(io.cwd, file);
  // A file is read twice: first checked to its summary line, so a damaged or cut file writes nothing;
  // the check also counts its records, the total of the import. From stdin the total is not known.
  const expected = path === null ? null : await checkFile(context, path, !flags.json);
  const progress = startProgress(io, { enabled: !flags.json, label: 'importing', total: expected });
  // Opened once the header says which dimension and embedder a new store needs.
  const target: { opened?: OpenedStore } = {};
  let report: ImportReport;
  try {
    report = await importRecords(
      linesOf(path === null ? io.stdin : createReadStream(path)),
      async (header) => {
        target.opened = await openStore(location, {
          dimension: header.dimension,
          ...(header.embedder === null ? {} : { embedder: header.embedder }),
          env: io.env,
        });
        return target.opened.store;
      },
      { batchSize: flags.batchSize, onBatch: ({ imported }) => progress.set(imported) },
    );
    progress.done();
  } finally {
    progress.stop();
    await target.opened?.close();
  }
  const description = target.opened!.description;
  const total = Object.values(report.imported).reduce((sum, n) => sum + n, 0);
  const durationMs = Math.round(performance.now() - started);
  printResult(
    context,
    flags.json,
    { store: description, file, imported: report.imported, total, durationMs },
    () =>
      `imported ${total.toLocaleString('en-US')} records into ${description} in ${(durationMs / 1000).toFixed(1)} s\n`,
  );
}

/** Reads the whole file through the import's own reader, writing nothing; returns its record count. */
async function checkFile(context: CommandContext, path: string, showProgress: boolean): Promise<number> {
  const size = await sizeOf(path);
  const progress = startProgress(context.io, { enabled: showProgress, label: 'checking' });
  try {
    let records = 0;
    for await (const item of readExport(linesOf(createReadStream(path), size, progress))) {
      if (!('header' in item)) progress.set(++records);
    }
    progress.done();
    return records;
  } finally {
    progress.stop();
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (cause) {
    throw new NotFoundError(`cannot read ${path}`, { cause, details: { path } });
  }
}

/** Lines of a stream; with a size and a progress display, the share of its bytes read so far. */
function linesOf(input: Readable, size?: number, progress?: Progress): AsyncIterable<string> {
  if (size !== undefined && size > 0 && progress) {
    let bytes = 0;
    input.on('data', (chunk: Buffer | string) => {
      bytes += chunk.length;
      progress.measure(bytes / size);
    });
  }
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}
