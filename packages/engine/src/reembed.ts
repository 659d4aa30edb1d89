import type { Embedder, MemoryStore } from '@alma/core';
import {
  ConflictError,
  KINDS,
  type Kind,
  type MemoryInput,
  type MemoryRecord,
  reembedRecords,
  ValidationError,
} from '@alma/core';

export interface ReembedOptions {
  /** Only this project; default: every project. */
  readonly projectId?: string;
  /** Records per embedder call and per write. */
  readonly batchSize?: number;
}

export type ReembedReport = Readonly<Record<Kind, number>>;

/**
 * Switches embedders: copies every record of `from` into `to` (a store opened with the new
 * embedder's id and dimension), recomputing each embedding from the record's text. Vectors of two
 * embedders never share a store, so this is the one way to change embedder or dimension.
 */
export async function reembedStore(
  from: MemoryStore,
  to: MemoryStore,
  embedder: Embedder,
  options: ReembedOptions = {},
): Promise<ReembedReport> {
  if (to.dimension !== embedder.dimension) {
    throw new ValidationError(
      `target store has dimension ${to.dimension}, the embedder ${embedder.dimension}`,
    );
  }
  if (to.manifest.embedder !== null && to.manifest.embedder !== embedder.id) {
    throw new ConflictError(`target store holds vectors of '${to.manifest.embedder}', not '${embedder.id}'`);
  }
  const batchSize = options.batchSize ?? 256;
  const counts = {} as Record<Kind, number>;
  for (const kind of KINDS) {
    counts[kind] = 0;
    let batch: MemoryRecord<Kind>[] = [];
    const flush = async () => {
      const records = await reembedRecords(kind, batch, embedder);
      const { failures } = await to.kind(kind).putMany(records as MemoryInput<Kind>[]);
      if (failures.length > 0) throw failures[0]!.error;
      counts[kind] += batch.length;
      batch = [];
    };
    const scope = options.projectId === undefined ? {} : { projectId: options.projectId };
    for await (const record of from.kind(kind).scan(scope)) {
      batch.push(record);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
  }
  return counts;
}
