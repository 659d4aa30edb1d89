import {
  type ArchivedMemory,
  ConflictError,
  decodeRecord,
  isMemoryKind,
  type MemoryRecord,
  NotFoundError,
  type Page,
} from '@alma/core';
import type { EngineContext } from '../engine-context.js';
import type { ConsolidatedKind } from './consolidation.js';

export interface ArchiveQuery {
  readonly agent?: string | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/** The project's archive (an agent's, if named), oldest first, a page at a time. */
export function listArchive(
  context: EngineContext,
  query: ArchiveQuery = {},
): Promise<Page<'archivedMemory'>> {
  return context.store.kind('archivedMemory').find({
    where: { projectId: context.projectId, ...(query.agent === undefined ? {} : { agent: query.agent }) },
    ...(query.limit === undefined ? {} : { limit: query.limit }),
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
}

/**
 * Puts an archived memory back, as it was when archived (its id, text, counts, embedding), and
 * removes it from the archive and from the `mergedFrom` list of the memory it was merged into. The
 * counts it brought to that memory stay there: restoring undoes the deletion, not the arithmetic.
 * A memory with its id already in use is a ConflictError, and nothing changes.
 */
export async function restoreArchived(
  context: EngineContext,
  archiveId: string,
): Promise<MemoryRecord<ConsolidatedKind>> {
  const { store, projectId } = context;
  const entry = await store.kind('archivedMemory').get({ projectId, id: archiveId });
  if (entry === null) throw new NotFoundError(`no archived memory ${archiveId} in project ${projectId}`);
  const kind = entry.originalKind;
  if (!isMemoryKind(kind as never) || kind === 'outcome' || kind === 'preference') {
    throw new ConflictError(`archived memory ${archiveId} is of kind '${kind}', which cannot be restored`);
  }
  const memoryKind = kind as ConsolidatedKind;
  const collection = store.kind(memoryKind);
  if ((await collection.get({ projectId, id: entry.originalId })) !== null) {
    throw new ConflictError(
      `${memoryKind} ${entry.originalId} exists; delete it before restoring its archived copy`,
      {
        details: { id: entry.originalId },
      },
    );
  }
  const record = decodeRecord(memoryKind, {
    ...entry.record,
    embedding: null,
  }) as MemoryRecord<ConsolidatedKind>;
  const restored = await collection.put({ ...record, embedding: entry.embedding } as never);
  await unlinkFromSurvivor(context, memoryKind, entry);
  await store.kind('archivedMemory').delete({ projectId, id: entry.id });
  return restored as MemoryRecord<ConsolidatedKind>;
}

async function unlinkFromSurvivor(
  context: EngineContext,
  kind: ConsolidatedKind,
  entry: ArchivedMemory,
): Promise<void> {
  if (entry.mergedInto === null) return;
  const collection = context.store.kind(kind);
  const survivor = await collection.get({ projectId: entry.projectId, id: entry.mergedInto });
  const mergedFrom = survivor?.metadata.mergedFrom;
  if (!survivor || !Array.isArray(mergedFrom)) return;
  const metadata = { ...survivor.metadata, mergedFrom: mergedFrom.filter((id) => id !== entry.originalId) };
  await collection.update(survivor, { metadata } as never);
}
