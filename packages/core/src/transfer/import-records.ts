import { ConflictError, DimensionMismatchError, ValidationError } from '../errors/alma-error.js';
import type { Kind, MemoryInput, MemoryRecord } from '../model/kinds.js';
import type { MemoryStore } from '../store/memory-store.js';
import { DEFAULT_COPY_BATCH_SIZE } from './copy-store.js';
import { type ExportHeader, emptyCounts } from './export-format.js';
import { type ImportItem, readExport } from './ndjson-reader.js';

export interface ImportOptions {
  /** Records per write (default 250, as copies: see DEFAULT_COPY_BATCH_SIZE). */
  readonly batchSize?: number;
  /** Called after each batch is in the store, with the last line it held. */
  readonly onBatch?: (progress: { readonly line: number; readonly imported: number }) => void;
}

export interface ImportReport {
  readonly header: ExportHeader;
  readonly imported: Readonly<Record<Kind, number>>;
}

/**
 * Imports an export (`exportStore` lines) into the store that `open` returns for its header (a new
 * store takes the header's dimension and embedder). Batches are written only once fully read and
 * valid, and the last one only after the summary line has confirmed counts and content hash, so a
 * damaged line fails with its number and nothing of its batch is written. Writes are upserts:
 * importing again, whole or after a failure, never duplicates.
 */
export async function importRecords(
  lines: AsyncIterable<string>,
  open: (header: ExportHeader) => Promise<MemoryStore>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const batchSize = options.batchSize ?? DEFAULT_COPY_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new ValidationError('batchSize must be 1 to 10,000');
  }
  const imported = emptyCounts();
  let store: MemoryStore | null = null;
  let header: ExportHeader | null = null;
  let batch: ImportItem[] = [];
  const flush = async () => {
    const first = batch[0];
    if (!first || !store) return;
    const records = batch.map((item) => item.record) as MemoryRecord<Kind>[];
    const { failures } = await store.kind(first.kind).putMany(records as MemoryInput<Kind>[]);
    if (failures.length > 0) throw failures[0]!.error;
    imported[first.kind] += batch.length;
    const line = batch.at(-1)!.line;
    batch = [];
    options.onBatch?.({ line, imported: Object.values(imported).reduce((sum, n) => sum + n, 0) });
  };
  for await (const item of readExport(lines)) {
    if ('header' in item) {
      header = item.header;
      store = await open(header);
      assertFits(store, header);
      continue;
    }
    // A batch holds one kind: putMany writes one collection.
    if (batch.length >= batchSize || (batch.length > 0 && batch[0]!.kind !== item.kind)) await flush();
    batch.push(item);
  }
  await flush();
  return { header: header!, imported };
}

/** Reads an export to its end without writing anything: the header, or CorruptDataError naming the line. */
export async function checkExport(lines: AsyncIterable<string>): Promise<ExportHeader> {
  let header: ExportHeader | null = null;
  for await (const item of readExport(lines)) if ('header' in item) header = item.header;
  return header!;
}

function assertFits(store: MemoryStore, header: ExportHeader): void {
  if (store.dimension !== header.dimension) {
    throw new DimensionMismatchError(store.dimension, header.dimension, {
      details: { reason: 'the export was made from a store of another dimension' },
    });
  }
  const recorded = store.manifest.embedder;
  if (recorded !== null && header.embedder !== null && recorded !== header.embedder) {
    throw new ConflictError(`the store holds vectors of '${recorded}', the export of '${header.embedder}'`, {
      details: { store: recorded, export: header.embedder },
    });
  }
}
