import {
  CorruptDataError,
  CURRENT_RECORD_LAYOUT,
  decodeRecord,
  encodeRecord,
  isRecordLayout,
  type Kind,
  type MemoryRecord,
  type RecordLayout,
  type Ref,
  upgradeEncodedRecord,
} from '@alma/core';

export const LOG_FORMAT = 'alma-file-log';
/** A log's version is the layout of its records; older logs are read upgraded, then rewritten. */
export const LOG_VERSION: RecordLayout = CURRENT_RECORD_LAYOUT;

/**
 * One log line. A batch is one line, so a crash can tear it only as a whole: replay then drops it,
 * which keeps putMany and deleteWhere all-or-nothing across crashes.
 */
export type LogEntry<K extends Kind> =
  | { readonly op: 'put'; readonly records: readonly MemoryRecord<K>[] }
  | { readonly op: 'delete'; readonly refs: readonly Ref[] };

export function headerLine(kind: Kind): string {
  return `${JSON.stringify({ format: LOG_FORMAT, version: LOG_VERSION, kind })}\n`;
}

/** Checks the header line and returns the log's record layout. */
export function checkHeader(kind: Kind, text: string): RecordLayout {
  let header: { format?: unknown; version?: unknown; kind?: unknown };
  try {
    header = JSON.parse(text) as typeof header;
  } catch (cause) {
    throw new CorruptDataError(`${kind} log: the header is not JSON`, { cause });
  }
  if (header.format !== LOG_FORMAT || header.kind !== kind) {
    throw new CorruptDataError(`${kind} log: not an ALMA ${kind} log`);
  }
  if (!isRecordLayout(header.version) || header.version > LOG_VERSION) {
    throw new CorruptDataError(`${kind} log: format version ${String(header.version)} is not supported`);
  }
  return header.version;
}

export function entryLine<K extends Kind>(kind: K, entry: LogEntry<K>): string {
  const body =
    entry.op === 'put'
      ? { op: 'put', records: entry.records.map((record) => encodeRecord(kind, record)) }
      : { op: 'delete', refs: entry.refs.map(({ projectId, id }) => ({ projectId, id })) };
  return `${JSON.stringify(body)}\n`;
}

/** Parses one complete log line; a line that does not parse is corruption, reported with its number. */
export function parseEntry<K extends Kind>(
  kind: K,
  text: string,
  line: number,
  layout: RecordLayout,
): LogEntry<K> {
  try {
    const body = JSON.parse(text) as { op?: unknown; records?: unknown; refs?: unknown };
    if (body.op === 'put' && Array.isArray(body.records)) {
      return {
        op: 'put',
        records: body.records.map((record) =>
          decodeRecord(kind, isObject(record) ? upgradeEncodedRecord(layout, kind, record) : record),
        ),
      };
    }
    if (body.op === 'delete' && Array.isArray(body.refs)) {
      return { op: 'delete', refs: body.refs.map(parseRef) };
    }
    throw new Error(`unknown entry ${JSON.stringify(body.op)}`);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new CorruptDataError(`${kind} log line ${line}: ${reason}`, { cause, details: { kind, line } });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseRef(value: unknown): Ref {
  const ref = value as { projectId?: unknown; id?: unknown };
  if (typeof ref?.projectId !== 'string' || typeof ref.id !== 'string')
    throw new Error('delete entry holds a bad ref');
  return { projectId: ref.projectId, id: ref.id };
}
