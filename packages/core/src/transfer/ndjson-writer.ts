import { createHash } from 'node:crypto';
import { KINDS, type Kind, type MemoryRecord } from '../model/kinds.js';
import type { MemoryStore } from '../store/memory-store.js';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  type ExportSummary,
  emptyCounts,
} from './export-format.js';
import { encodeRecord } from './record-codec.js';

export interface ExportOptions {
  /** Only this project; every project when left out. */
  readonly projectId?: string;
}

/**
 * Streams a store as NDJSON lines (each ending in a newline): header, records kind by kind in
 * (projectId, id) order, summary. Memory stays flat however large the store.
 */
export async function* exportStore(store: MemoryStore, options: ExportOptions = {}): AsyncGenerator<string> {
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    dimension: store.dimension,
    embedder: store.manifest.embedder,
  };
  yield `${JSON.stringify(header)}\n`;
  const hash = createHash('sha256');
  const counts = emptyCounts();
  for (const kind of KINDS) {
    const scanOptions = options.projectId === undefined ? {} : { projectId: options.projectId };
    for await (const record of store.kind(kind).scan(scanOptions)) {
      const line = recordLine(kind, record);
      hash.update(line);
      counts[kind] += 1;
      yield line;
    }
  }
  const summary: ExportSummary = { end: true, counts, sha256: hash.digest('hex') };
  yield `${JSON.stringify(summary)}\n`;
}

/** The exact bytes of one record line. */
export function recordLine<K extends Kind>(kind: K, record: MemoryRecord<K>): string {
  return `${JSON.stringify({ kind, record: encodeRecord(kind, record) })}\n`;
}
