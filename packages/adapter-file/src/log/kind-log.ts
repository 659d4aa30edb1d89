import { type FileHandle, open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KIND_STORAGE_NAMES, type Kind, type RecordLayout, type RecordTable } from '@alma/core';
import type { FileConfig } from '../file-config.js';
import {
  checkHeader,
  entryLine,
  headerLine,
  LOG_VERSION,
  type LogEntry,
  parseEntry,
} from '../file-conversion.js';
import { guard } from '../file-errors.js';
import { readLogLines } from './log-lines.js';

export const COMPACTION_SUFFIX = '.compact-tmp';

/**
 * The append-only log of one kind: `alma_<kind>.jsonl`, a header line then one entry per write.
 * Replaying it rebuilds the kind's RecordTable; compaction rewrites it as one put per live record.
 */
export class KindLog<K extends Kind> {
  /** Record versions and delete markers in the file; minus the live records, that is garbage. */
  private entries = 0;

  private constructor(
    private readonly kind: K,
    private readonly path: string,
    private handle: FileHandle,
    private size: number,
    private readonly table: RecordTable<K>,
    private readonly config: FileConfig,
  ) {}

  /** Opens (or creates) the log and replays it into `table`; a torn last line is cut off, not fatal. */
  static async open<K extends Kind>(kind: K, table: RecordTable<K>, config: FileConfig): Promise<KindLog<K>> {
    const path = join(config.directory, `${KIND_STORAGE_NAMES[kind]}.jsonl`);
    const size = await stat(path).then(
      (info) => info.size,
      () => null,
    );
    // A log whose header never reached the disk holds nothing: start it afresh.
    if (size === null || !(await hasWholeFirstLine(path))) {
      const handle = await guard(`creating ${path}`, () => open(path, 'w'));
      const header = headerLine(kind);
      await guard(`writing ${path}`, () => handle.write(header));
      await guard(`syncing ${path}`, () => handle.datasync());
      return new KindLog(kind, path, handle, Buffer.byteLength(header), table, config);
    }
    let entries = 0;
    let layout: RecordLayout | null = null;
    const lines = readLogLines(path);
    let next = await guard(`reading ${path}`, () => lines.next());
    while (!next.done) {
      const line = next.value;
      if (layout === null) {
        layout = checkHeader(kind, line.text);
      } else {
        entries += applyEntry(table, parseEntry(kind, line.text, line.number, layout));
      }
      next = await guard(`reading ${path}`, () => lines.next());
    }
    const wholeLines = next.value;
    const handle = await guard(`opening ${path}`, () => open(path, 'r+'));
    // A crash mid-append leaves a partial last line: drop it so the next append starts clean.
    await guard(`truncating ${path}`, () => handle.truncate(wholeLines));
    await handle.close();
    const appender = await guard(`opening ${path}`, () => open(path, 'a'));
    const log = new KindLog(kind, path, appender, wholeLines, table, config);
    log.entries = entries;
    // A log an earlier release wrote is rewritten at the current layout (atomically, as compaction
    // is), so that every line in it is of the version its header names.
    if (layout !== null && layout < LOG_VERSION) await log.compact();
    return log;
  }

  /** Writes one entry durably (per the configured durability), then applies it to the table. */
  async append(entry: LogEntry<K>): Promise<void> {
    const line = entryLine(this.kind, entry);
    try {
      await this.handle.write(line);
      if (this.config.durability === 'fsync') await this.handle.datasync();
    } catch (error) {
      // Never leave half a line behind: the next append would be glued to it.
      await this.handle.truncate(this.size).catch(() => {});
      return guard(`appending to ${this.path}`, () => Promise.reject(error));
    }
    this.size += Buffer.byteLength(line);
    this.entries += applyEntry(this.table, entry);
    if (this.shouldCompact()) await this.compact();
  }

  get garbage(): number {
    return this.entries - this.table.size;
  }

  /** Rewrites the log as its live records only, atomically: a temp file renamed over the log. */
  async compact(): Promise<void> {
    const temp = `${this.path}${COMPACTION_SUFFIX}`;
    const out = await guard(`creating ${temp}`, () => open(temp, 'w'));
    let size = 0;
    try {
      const header = headerLine(this.kind);
      await out.write(header);
      size += Buffer.byteLength(header);
      for (const record of this.table.scan({})) {
        const line = entryLine(this.kind, { op: 'put', records: [record] });
        await out.write(line);
        size += Buffer.byteLength(line);
      }
      await out.datasync();
    } catch (error) {
      await out.close();
      return guard(`compacting ${this.path}`, () => Promise.reject(error));
    }
    await out.close();
    await guard(`replacing ${this.path}`, () => rename(temp, this.path));
    await syncDirectory(this.config.directory);
    await this.handle.close();
    this.handle = await guard(`opening ${this.path}`, () => open(this.path, 'a'));
    this.size = size;
    this.entries = this.table.size;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  private shouldCompact(): boolean {
    const garbage = this.garbage;
    return (
      garbage >= this.config.compactAfterGarbage &&
      garbage >= this.config.compactGarbageRatio * this.table.size
    );
  }
}

/** Applies an entry to the table; returns how many log entries it adds (versions and markers). */
function applyEntry<K extends Kind>(table: RecordTable<K>, entry: LogEntry<K>): number {
  if (entry.op === 'put') {
    for (const record of entry.records) table.set(record);
    return entry.records.length;
  }
  for (const ref of entry.refs) table.remove(ref);
  return entry.refs.length;
}

async function hasWholeFirstLine(path: string): Promise<boolean> {
  const handle = await guard(`opening ${path}`, () => open(path, 'r'));
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).includes(10);
  } finally {
    await handle.close();
  }
}

/** A rename is durable only once the directory entry is flushed too. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await guard(`opening ${directory}`, () => open(directory, 'r'));
  await handle.sync().catch(() => {});
  await handle.close();
}
