import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AdapterFindQuery,
  type AdapterTextQuery,
  type AdapterVectorQuery,
  type BatchFailure,
  CorruptDataError,
  createRecordTables,
  defineCapabilities,
  KINDS,
  type Kind,
  type MemoryRecord,
  type NormalizedFilter,
  ProcessLock,
  projectList,
  RECORD_LAYOUTS,
  type RecordChange,
  type RecordTable,
  type Ref,
  type ScanOptions,
  type SchemaStatus,
  type ScoredRecord,
  SerialQueue,
  StorageError,
  type StoreAdapter,
  type StoreManifest,
} from '@alma/core';
import { type FileConfig, type FileOptions, parseFileConfig } from './file-config.js';
import { LOG_VERSION } from './file-conversion.js';
import { guard } from './file-errors.js';
import { COMPACTION_SUFFIX, KindLog } from './log/kind-log.js';

const MANIFEST = 'manifest.json';

type Logs = { [K in Kind]: KindLog<K> };

/**
 * The file store: one append-only JSONL log per kind (O(1) writes, PC-6), replayed into the core's
 * reference tables on open, compacted by atomic rename, guarded by a process lock. Upserts never
 * duplicate (DC-9) and vector search is exact.
 */
export class FileAdapter implements StoreAdapter {
  readonly name = 'file';
  readonly capabilities = defineCapabilities({
    vectorSearch: 'exact',
    textSearch: true,
    atomicBatch: true,
    persistent: true,
    multiProcess: false,
  });
  /** One process at a time holds the store (its LOCK file): the in-process lock is enough. */
  readonly leases = null;
  private readonly queue = new SerialQueue();
  private closed = false;

  private constructor(
    readonly config: FileConfig,
    private readonly lock: ProcessLock,
    private readonly tables: ReturnType<typeof createRecordTables>,
    private readonly logs: Logs,
  ) {}

  /** Opens (creating if needed) the store directory; fails with STORE_LOCKED if another process has it. */
  static async open(options: FileOptions): Promise<FileAdapter> {
    const config = parseFileConfig(options);
    await guard(`creating ${config.directory}`, () => mkdir(config.directory, { recursive: true }));
    const lock = await ProcessLock.acquire(
      join(config.directory, 'LOCK'),
      `the store at ${config.directory}`,
    );
    const logs: Partial<Record<Kind, KindLog<Kind>>> = {};
    try {
      await removeUnfinishedCompactions(config.directory);
      const tables = createRecordTables();
      for (const kind of KINDS)
        logs[kind] = await KindLog.open(kind, tables[kind] as RecordTable<Kind>, config);
      return new FileAdapter(config, lock, tables, logs as unknown as Logs);
    } catch (error) {
      for (const log of Object.values(logs)) await log.close();
      await lock.release();
      throw error;
    }
  }

  async readManifest(): Promise<StoreManifest | null> {
    const path = join(this.config.directory, MANIFEST);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return guard(`reading ${path}`, () => Promise.reject(error));
    }
    try {
      return JSON.parse(text) as StoreManifest;
    } catch (cause) {
      throw new CorruptDataError(`${path} is not JSON`, { cause });
    }
  }

  async writeManifest(manifest: StoreManifest): Promise<void> {
    const path = join(this.config.directory, MANIFEST);
    await guard(`writing ${path}`, async () => {
      await writeFile(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
      await rename(`${path}.tmp`, path);
    });
  }

  async put<K extends Kind>(kind: K, record: MemoryRecord<K>): Promise<void> {
    await this.write(() => this.log(kind).append({ op: 'put', records: [record] }));
  }

  async putMany<K extends Kind>(
    kind: K,
    records: readonly MemoryRecord<K>[],
  ): Promise<readonly BatchFailure[]> {
    await this.write(() => this.log(kind).append({ op: 'put', records }));
    return [];
  }

  async get<K extends Kind>(kind: K, ref: Ref): Promise<MemoryRecord<K> | null> {
    this.assertOpen();
    return this.table(kind).get(ref);
  }

  async delete(kind: Kind, ref: Ref): Promise<boolean> {
    return this.write(async () => {
      if (this.table(kind).get(ref) === null) return false;
      await this.log(kind).append({ op: 'delete', refs: [ref] });
      return true;
    });
  }

  async deleteWhere(kind: Kind, filter: NormalizedFilter): Promise<number> {
    return this.write(async () => {
      const refs = this.table(kind).matchingRefs(filter);
      if (refs.length > 0) await this.log(kind).append({ op: 'delete', refs });
      return refs.length;
    });
  }

  async find<K extends Kind>(kind: K, query: AdapterFindQuery): Promise<MemoryRecord<K>[]> {
    this.assertOpen();
    return this.table(kind).find(query);
  }

  async count(kind: Kind, filter: NormalizedFilter): Promise<number> {
    this.assertOpen();
    return this.table(kind).count(filter);
  }

  async searchVector<K extends Kind>(kind: K, query: AdapterVectorQuery): Promise<ScoredRecord<K>[]> {
    this.assertOpen();
    return this.table(kind).searchVector(query);
  }

  async searchText<K extends Kind>(kind: K, query: AdapterTextQuery): Promise<ScoredRecord<K>[]> {
    this.assertOpen();
    return this.table(kind).searchText(query);
  }

  async *scan<K extends Kind>(kind: K, options: ScanOptions): AsyncIterable<MemoryRecord<K>> {
    this.assertOpen();
    yield* this.table(kind).scan(options);
  }

  async projects(): Promise<string[]> {
    this.assertOpen();
    return projectList(KINDS.flatMap((kind) => this.table(kind).projectIds()));
  }

  async schema(): Promise<SchemaStatus> {
    return {
      backend: this.name,
      applied: RECORD_LAYOUTS.filter((layout) => layout <= LOG_VERSION).map(
        (layout) => `file-log-v${layout}`,
      ),
      pending: [],
    };
  }

  /** Rewrites every log as its live records only; also happens on its own as garbage builds up. */
  async compact(): Promise<void> {
    await this.write(async () => {
      for (const kind of KINDS) await this.log(kind).compact();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.drain();
    for (const kind of KINDS) await this.log(kind).close();
    await this.lock.release();
  }

  /** Read the current version, append the new one, apply it: one step in the write queue. */
  async patch<K extends Kind>(kind: K, ref: Ref, change: RecordChange<K>): Promise<MemoryRecord<K> | null> {
    return this.write(async () => {
      const next = this.table(kind).patched(ref, change.set, change.add);
      if (next) await this.log(kind).append({ op: 'put', records: [next] });
      return next;
    });
  }

  private write<T>(step: () => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.queue.run(step);
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError('the file store is closed');
  }

  private table<K extends Kind>(kind: K): RecordTable<K> {
    return this.tables[kind] as RecordTable<K>;
  }

  private log<K extends Kind>(kind: K): KindLog<K> {
    return this.logs[kind] as KindLog<K>;
  }
}

/** A compaction that died before its rename left only a temp file; the log itself is intact. */
async function removeUnfinishedCompactions(directory: string): Promise<void> {
  const names = await guard(`listing ${directory}`, () => readdir(directory));
  for (const name of names.filter((n) => n.endsWith(COMPACTION_SUFFIX))) {
    await unlink(join(directory, name)).catch(() => {});
  }
}
