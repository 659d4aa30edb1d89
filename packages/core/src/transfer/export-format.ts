import { KINDS, type Kind } from '../model/kinds.js';
import { RECORD_LAYOUTS, type RecordLayout } from './record-layouts.js';

export const EXPORT_FORMAT = 'alma-export';
/**
 * The version this release writes. Version 2 added the workflow layer: its kinds (checkpoints,
 * workflow outcomes, artifact links, the archive) and the memory kinds' workflow scope fields.
 */
export const EXPORT_VERSION = 2;
/**
 * Every version this release reads: exports of earlier releases import unchanged. An export's
 * version is the layout of its records (record-layouts.ts).
 */
export const READABLE_EXPORT_VERSIONS = RECORD_LAYOUTS;
export type ExportVersion = RecordLayout;

/** First line: what the file is and how to read its vectors. */
export interface ExportHeader {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: ExportVersion;
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
