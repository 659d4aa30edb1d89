import { ConflictError, DimensionMismatchError, ValidationError } from '../errors/alma-error.js';
import type { Embedder } from '../model/embedder.js';
import { KINDS, type Kind, type MemoryInput, type MemoryRecord } from '../model/kinds.js';
import { reembedRecords } from '../model/reembed-records.js';
import type { MemoryStore } from '../store/memory-store.js';
import { emptyCounts } from './export-format.js';
import { type DigestEntry, StoreDigest } from './store-digest.js';
import { compareTransferPositions, ScanOrderGuard, type TransferPosition } from './transfer-position.js';

export const DEFAULT_COPY_BATCH_SIZE = 250;

export interface CopyOptions {
  /** Only this project; every project when left out. */
  readonly projectId?: string;
  /** Records per target write (default 250). */
  readonly batchSize?: number;
  /** Skip every record up to and including this position: they are already in the target. */
  readonly resumeAfter?: TransferPosition | null;
  /** Recompute every embedding with this embedder, whose id and dimension the target holds. */
  readonly reembed?: Embedder;
  /** Called after each batch is in the target, in order; a checkpoint saved here is exact. */
  readonly onBatch?: (progress: CopyProgress) => Promise<void> | void;
  /** Called for every record read from the source, skipped ones included (for progress display). */
  readonly onRead?: () => void;
  readonly signal?: AbortSignal;
}

export interface CopyProgress {
  /** The last record written; everything before it in transfer order is in the target. */
  readonly position: TransferPosition;
  /** Records written by this run so far. */
  readonly copied: number;
}

export interface CopyReport {
  /** Records written by this run, per kind. */
  readonly copied: Readonly<Record<Kind, number>>;
  /** Records skipped because a checkpoint said they were already copied. */
  readonly skipped: number;
  /** The digest of every source record in scope (skipped ones too), for `compareDigests`. */
  readonly sourceDigest: readonly DigestEntry[];
  /** Whether embeddings were left out of the digest (re-embedding). */
  readonly withoutEmbeddings: boolean;
}

/**
 * Copies one store into another, streaming kind by kind in (projectId, id) order: memory stays
 * bounded by two batches however large the store. One batch is read while the previous one is
 * written; writes are upserts, so re-running after an interruption at any point completes exactly,
 * and `resumeAfter` skips what a checkpoint says is done. The source is digested on the way, so
 * verification needs only one more scan, of the target.
 * @example const report = await copyStore(from, to, { onBatch: ({ position }) => saveCheckpoint(position) });
 *          const { ok } = compareDigests(report.sourceDigest, await digestStore(to));
 */
export async function copyStore(
  source: MemoryStore,
  target: MemoryStore,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const batchSize = options.batchSize ?? DEFAULT_COPY_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new ValidationError('batchSize must be 1 to 10,000');
  }
  assertCompatible(source, target, options.reembed);
  const withoutEmbeddings = options.reembed !== undefined;
  const digest = new StoreDigest({ withoutEmbeddings });
  const guard = new ScanOrderGuard();
  const copied = emptyCounts();
  const writer = new BatchWriter(target, options);
  const resumeAfter = options.resumeAfter ?? null;
  let skipped = 0;
  const scope = options.projectId === undefined ? {} : { projectId: options.projectId };
  for (const kind of KINDS) {
    let batch: MemoryRecord<Kind>[] = [];
    for await (const record of source.kind(kind).scan(scope)) {
      options.signal?.throwIfAborted();
      const position = { kind, projectId: record.projectId, id: record.id };
      guard.next(position);
      digest.add(kind, record);
      options.onRead?.();
      if (resumeAfter !== null && compareTransferPositions(position, resumeAfter) <= 0) {
        skipped += 1;
        continue;
      }
      batch.push(record);
      if (batch.length >= batchSize) {
        copied[kind] += batch.length;
        await writer.write(kind, batch);
        batch = [];
      }
    }
    if (batch.length > 0) {
      copied[kind] += batch.length;
      await writer.write(kind, batch);
    }
  }
  await writer.drain();
  return { copied, skipped, sourceDigest: digest.finish(), withoutEmbeddings };
}

/** Vectors of two embedders never share a store: carrying them needs the same embedder and dimension. */
function assertCompatible(source: MemoryStore, target: MemoryStore, reembed: Embedder | undefined): void {
  if (reembed !== undefined) {
    if (target.dimension !== reembed.dimension) {
      throw new DimensionMismatchError(target.dimension, reembed.dimension, {
        details: { reason: `the target's dimension differs from embedder ${reembed.id}'s` },
      });
    }
    if (target.manifest.embedder !== null && target.manifest.embedder !== reembed.id) {
      throw new ConflictError(
        `the target holds vectors of '${target.manifest.embedder}', not '${reembed.id}'`,
      );
    }
    return;
  }
  if (target.dimension !== source.dimension) {
    throw new DimensionMismatchError(target.dimension, source.dimension, {
      details: { reason: 'source and target have different dimensions: re-embed to copy between them' },
    });
  }
  const [from, to] = [source.manifest.embedder, target.manifest.embedder];
  if (from !== null && to !== null && from !== to) {
    throw new ConflictError(
      `the source holds vectors of '${from}' and the target of '${to}': re-embed to copy between them`,
      { details: { source: from, target: to } },
    );
  }
}

/** Writes batches one at a time, in order, while the caller reads the next one. */
class BatchWriter {
  private pending: Promise<void> = Promise.resolve();
  private written = 0;

  constructor(
    private readonly target: MemoryStore,
    private readonly options: CopyOptions,
  ) {}

  async write(kind: Kind, batch: readonly MemoryRecord<Kind>[]): Promise<void> {
    await this.pending;
    this.pending = this.writeNow(kind, batch);
    // Held until the next write or drain awaits it; this only keeps a failure from counting as unhandled.
    this.pending.catch(() => {});
  }

  async drain(): Promise<void> {
    await this.pending;
  }

  private async writeNow(kind: Kind, batch: readonly MemoryRecord<Kind>[]): Promise<void> {
    const records = this.options.reembed ? await reembedRecords(kind, batch, this.options.reembed) : batch;
    const { failures } = await this.target.kind(kind).putMany(records as MemoryInput<Kind>[]);
    if (failures.length > 0) throw failures[0]!.error;
    this.written += batch.length;
    const last = batch.at(-1)!;
    await this.options.onBatch?.({
      position: { kind, projectId: last.projectId, id: last.id },
      copied: this.written,
    });
  }
}
