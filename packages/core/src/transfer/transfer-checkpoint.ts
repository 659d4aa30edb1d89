import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConflictError, CorruptDataError } from '../errors/alma-error.js';
import { isKind, type Kind } from '../model/kinds.js';
import type { TransferPosition } from './transfer-position.js';

export const CHECKPOINT_FORMAT = 'alma-copy-checkpoint';

/**
 * Where a copy stands: every record up to and including `position` is in the target. It is written
 * only after the target has committed a batch, so it may lag the target (a resume then rewrites a
 * few records, harmlessly: writes are upserts) but never runs ahead of it.
 */
export interface CopyCheckpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: 1;
  /** What was copied where, as `describeStoreLocation` prints it: a checkpoint never resumes another copy. */
  readonly source: string;
  readonly target: string;
  /** The project copied, or null for all. */
  readonly projectId: string | null;
  /** The embedder re-embedding the records, or null when embeddings are carried as they are. */
  readonly reembedWith: string | null;
  readonly position: TransferPosition | null;
  readonly copied: number;
  readonly updatedAt: string;
}

/** What identifies one copy; a checkpoint of another copy is refused rather than misapplied. */
export type CopyIdentity = Pick<CopyCheckpoint, 'source' | 'target' | 'projectId' | 'reembedWith'>;

/** A checkpoint file, replaced atomically (write to a temp file, then rename) after every batch. */
export class CheckpointFile {
  constructor(readonly path: string) {}

  /** The checkpoint of this copy, or null when there is none; ConflictError when it belongs to another copy. */
  async read(identity: CopyIdentity): Promise<CopyCheckpoint | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const checkpoint = parseCheckpoint(text, this.path);
    for (const key of ['source', 'target', 'projectId', 'reembedWith'] as const) {
      if (checkpoint[key] !== identity[key]) {
        throw new ConflictError(
          `checkpoint ${this.path} belongs to another copy (its ${key} is ${JSON.stringify(checkpoint[key])}, not ${JSON.stringify(identity[key])}); delete it or pick another checkpoint file`,
          { details: { path: this.path, key } },
        );
      }
    }
    return checkpoint;
  }

  async write(checkpoint: CopyCheckpoint): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${randomUUID()}.tmp`;
    await writeFile(temporary, `${JSON.stringify(checkpoint)}\n`);
    await rename(temporary, this.path);
  }

  async remove(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

function parseCheckpoint(text: string, path: string): CopyCheckpoint {
  let value: Partial<CopyCheckpoint>;
  try {
    value = JSON.parse(text) as Partial<CopyCheckpoint>;
  } catch (cause) {
    throw new CorruptDataError(`checkpoint ${path} is not JSON`, { cause, details: { path } });
  }
  const position = value?.position;
  const positionValid =
    position === null ||
    (typeof position === 'object' &&
      position !== undefined &&
      typeof position.kind === 'string' &&
      isKind(position.kind as Kind) &&
      typeof position.projectId === 'string' &&
      typeof position.id === 'string');
  if (value?.format !== CHECKPOINT_FORMAT || value.version !== 1 || !positionValid) {
    throw new CorruptDataError(`${path} is not an ALMA copy checkpoint`, { details: { path } });
  }
  return value as CopyCheckpoint;
}
