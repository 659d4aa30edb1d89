import { createHash } from 'node:crypto';
import { CorruptDataError } from '../errors/alma-error.js';
import { isKind, type Kind, type MemoryRecord } from '../model/kinds.js';
import { EXPORT_FORMAT, type ExportHeader, emptyCounts, READABLE_EXPORT_VERSIONS } from './export-format.js';
import { decodeRecord } from './record-codec.js';
import { kindsOfLayout, upgradeEncodedRecord } from './record-layouts.js';

export type ImportItem = {
  [K in Kind]: { readonly kind: K; readonly record: MemoryRecord<K>; readonly line: number };
}[Kind];

/**
 * Reads an export produced by `exportStore`, line by line. Yields the header first, then records; a
 * malformed line, a wrong count or hash, or a missing summary (truncation) throws CorruptDataError
 * naming the line, so a caller that batches can write nothing of a bad batch.
 */
export async function* readExport(
  lines: AsyncIterable<string>,
): AsyncGenerator<{ readonly header: ExportHeader } | ImportItem> {
  const hash = createHash('sha256');
  const counts = emptyCounts();
  let lineNumber = 0;
  let header: ExportHeader | null = null;
  let ended = false;
  for await (const raw of lines) {
    lineNumber += 1;
    if (raw.trim() === '') continue;
    if (ended) throw corrupt(lineNumber, 'data after the summary line');
    const parsed = parseJson(raw, lineNumber);
    if (header === null) {
      header = parseHeader(parsed, lineNumber);
      yield { header };
      continue;
    }
    if (parsed.end === true) {
      const digest = hash.digest('hex');
      if (parsed.sha256 !== digest) throw corrupt(lineNumber, 'content hash does not match the records');
      const listed = Object.fromEntries(kindsOfLayout(header.version).map((kind) => [kind, counts[kind]]));
      if (JSON.stringify(parsed.counts) !== JSON.stringify(listed)) {
        throw corrupt(lineNumber, 'record counts do not match the summary');
      }
      ended = true;
      continue;
    }
    const kind = parsed.kind;
    if (typeof kind !== 'string' || !isKind(kind) || !kindsOfLayout(header.version).includes(kind))
      throw corrupt(lineNumber, `unknown kind ${JSON.stringify(kind)} for export version ${header.version}`);
    let record: MemoryRecord<Kind>;
    try {
      const fields = parsed.record;
      const current =
        typeof fields === 'object' && fields !== null
          ? upgradeEncodedRecord(header.version, kind, fields as Record<string, unknown>)
          : fields;
      record = decodeRecord(kind, current);
    } catch (error) {
      throw corrupt(lineNumber, error instanceof Error ? error.message : String(error), error);
    }
    hash.update(`${raw.replace(/\r?\n$/, '')}\n`);
    counts[kind] += 1;
    yield { kind, record, line: lineNumber } as ImportItem;
  }
  if (header === null) throw corrupt(lineNumber, 'empty input: no header');
  if (!ended) throw corrupt(lineNumber, 'input ends before the summary line: truncated');
}

function parseJson(raw: string, line: number): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch (cause) {
    throw corrupt(line, 'not valid JSON', cause);
  }
  throw corrupt(line, 'not a JSON object');
}

function parseHeader(value: Record<string, unknown>, line: number): ExportHeader {
  if (value.format !== EXPORT_FORMAT) throw corrupt(line, 'not an ALMA export (bad header)');
  if (!(READABLE_EXPORT_VERSIONS as readonly unknown[]).includes(value.version))
    throw corrupt(
      line,
      `unsupported export version ${String(value.version)}: this release reads ${READABLE_EXPORT_VERSIONS.join(' and ')}`,
    );
  if (!Number.isInteger(value.dimension)) throw corrupt(line, 'header lacks the dimension');
  return value as unknown as ExportHeader;
}

function corrupt(line: number, message: string, cause?: unknown): CorruptDataError {
  return new CorruptDataError(`line ${line}: ${message}`, { details: { line }, cause });
}
