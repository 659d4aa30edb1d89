import {
  CorruptDataError,
  decodeRecord,
  encodeRecord,
  type Kind,
  type MemoryRecord,
  type Ref,
} from '@alma/core';

export const LOG_FORMAT = 'alma-file-log';
export const LOG_VERSION = 1;

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

export function checkHeader(kind: Kind, text: string): void {
  let header: { format?: unknown; version?: unknown; kind?: unknown };
  try {
    header = JSON.parse(text) as typeof header;
  } catch (cause) {
    throw new CorruptDataError(`${kind} log: the header is not JSON`, { cause });
  }
  if (header.format !== LOG_FORMAT || header.kind !== kind) {
    throw new CorruptDataError(`${kind} log: not an ALMA ${kind} log`);
  }
  if (header.version !== LOG_VERSION) {
    throw new CorruptDataError(`${kind} log: format version ${String(header.version)} is not supported`);
  }
}

export function entryLine<K extends Kind>(kind: K, entry: LogEntry<K>): string {
  const body =
    entry.op === 'put'
      ? { op: 'put', records: entry.records.map((record) => encodeRecord(kind, record)) }
      : { op: 'delete', refs: entry.refs.map(({ projectId, id }) => ({ projectId, id })) };
  return `${JSON.stringify(body)}\n`;
}

/** Parses one complete log line; a line that does not parse is corruption, reported with its number. */
export function parseEntry<K extends Kind>(kind: K, text: string, line: number): LogEntry<K> {
  try {
    const body = JSON.parse(text) as { op?: unknown; records?: unknown; refs?: unknown };
    if (body.op === 'put' && Array.isArray(body.records)) {
      return { op: 'put', records: body.records.map((record) => decodeRecord(kind, record)) };
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

function parseRef(value: unknown): Ref {
  const ref = value as { projectId?: unknown; id?: unknown };
  if (typeof ref?.projectId !== 'string' || typeof ref.id !== 'string')
    throw new Error('delete entry holds a bad ref');
  return { projectId: ref.projectId, id: ref.id };
}
