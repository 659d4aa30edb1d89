import { resolve } from 'node:path';
import { ValidationError } from '@alma/core';

/** How the file store is set up; validated once, then frozen. */
export interface FileConfig {
  /** Directory holding the logs, the manifest and the lock; created when missing. */
  readonly directory: string;
  /**
   * 'process' (default): a write is in the kernel before the call returns, so it survives a crash of
   * this process. 'fsync': also flushed to the disk, so it survives power loss; much slower.
   */
  readonly durability: 'process' | 'fsync';
  /** Compact a log once it holds at least this many superseded entries... */
  readonly compactAfterGarbage: number;
  /** ...and they outnumber the live records by this factor. */
  readonly compactGarbageRatio: number;
}

export type FileOptions = Pick<FileConfig, 'directory'> & Partial<Omit<FileConfig, 'directory'>>;

export function parseFileConfig(options: FileOptions): FileConfig {
  if (typeof options?.directory !== 'string' || options.directory.length === 0) {
    throw new ValidationError('file store needs a directory');
  }
  const config: FileConfig = {
    directory: resolve(options.directory),
    durability: options.durability ?? 'process',
    compactAfterGarbage: options.compactAfterGarbage ?? 10_000,
    compactGarbageRatio: options.compactGarbageRatio ?? 1,
  };
  if (config.durability !== 'process' && config.durability !== 'fsync') {
    throw new ValidationError("durability must be 'process' or 'fsync'");
  }
  if (!Number.isInteger(config.compactAfterGarbage) || config.compactAfterGarbage < 0) {
    throw new ValidationError('compactAfterGarbage must be a whole number ≥ 0');
  }
  if (!(config.compactGarbageRatio > 0)) throw new ValidationError('compactGarbageRatio must be > 0');
  return Object.freeze(config);
}
