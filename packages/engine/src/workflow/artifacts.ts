import { type ArtifactLink, MEMORY_KINDS, NotFoundError, ValidationError } from '@alma/core';
import type { EngineContext } from '../engine-context.js';
import { findAll } from './find-all.js';

export interface ArtifactInput {
  readonly memoryId: string;
  /** screenshot, log, report, file, … */
  readonly artifactType: string;
  readonly storageUrl: string;
  readonly filename?: string | null | undefined;
  readonly mimeType?: string | null | undefined;
  readonly sizeBytes?: number | null | undefined;
  /** SHA-256 of the content, for integrity checks by whoever fetches it. */
  readonly checksum?: string | null | undefined;
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Links an external artifact to a memory of the project. The memory must exist (DC-12): a link is
 * never written to nothing. Deleting the memory later leaves its links listable by its id.
 */
export async function linkArtifact(context: EngineContext, input: ArtifactInput): Promise<ArtifactLink> {
  const memoryId = await existingMemoryId(context, input.memoryId);
  return context.store.kind('artifactLink').put({
    projectId: context.projectId,
    memoryId,
    artifactType: input.artifactType,
    storageUrl: input.storageUrl,
    filename: input.filename ?? null,
    mimeType: input.mimeType ?? null,
    sizeBytes: input.sizeBytes ?? null,
    checksum: input.checksum ?? null,
    metadata: { ...input.metadata } as Record<string, never>,
  });
}

/** The artifacts linked to a memory, oldest first; the id in any case, as record ids are. */
export async function artifactsOf(context: EngineContext, memoryId: string): Promise<ArtifactLink[]> {
  if (typeof memoryId !== 'string' || memoryId === '')
    throw new ValidationError('memoryId must be a record id');
  const links = await findAll(context.store.kind('artifactLink'), {
    projectId: context.projectId,
    memoryId: memoryId.toLowerCase(),
  });
  return links.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The canonical (lower-case) id of a memory of the project; NotFoundError when there is none. */
async function existingMemoryId(context: EngineContext, memoryId: string): Promise<string> {
  const ref = { projectId: context.projectId, id: memoryId };
  const found = await Promise.all(MEMORY_KINDS.map((kind) => context.store.kind(kind).get(ref)));
  const memory = found.find((record) => record !== null);
  if (!memory) {
    throw new NotFoundError(`no memory ${memoryId} in project ${context.projectId}`, {
      details: { memoryId },
    });
  }
  return memory.id;
}
