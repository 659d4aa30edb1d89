import { KINDS, type Kind } from '../model/kinds.js';

export const EXPORT_FORMAT = 'alma-export';
export const EXPORT_VERSION = 1;

/** First line: what the file is and how to read its vectors. */
export interface ExportHeader {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly dimension: number;
  readonly embedder: string | null;
}

/** One line per record. */
export interface ExportRecordLine {
  readonly kind: Kind;
  readonly record: Record<string, unknown>;
}

/**
 * Last line: what a streaming writer can only know at the end. A file without it was cut short.
 * `sha256` covers the record lines exactly as written, newline included.
 */
export interface ExportSummary {
  readonly end: true;
  readonly counts: Readonly<Record<Kind, number>>;
  readonly sha256: string;
}

export function emptyCounts(): Record<Kind, number> {
  return Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
}
