import { AlmaError, StorageError, StoreLockedError } from '@alma/core';

/** Node's file-system error codes and what they mean to a store. */
const MESSAGES: Readonly<Record<string, string>> = {
  ENOENT: 'a store file or directory is missing',
  EACCES: 'no permission to read or write the store directory',
  EPERM: 'the operating system refused the operation on the store directory',
  ENOSPC: 'the disk is full',
  EROFS: 'the store directory is on a read-only file system',
  EMFILE: 'too many open files',
  EISDIR: 'a store file path is a directory',
  ENOTDIR: 'a store path component is not a directory',
};

/** Maps a file-system failure to the core's error family, keeping the original as `cause`. */
export function toAlmaError(error: unknown, action: string): AlmaError {
  if (error instanceof AlmaError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const path = (error as NodeJS.ErrnoException | null)?.path;
  if (code === 'EEXIST' && path?.endsWith('LOCK')) {
    return new StoreLockedError(`${action}: the store is open in another process`, { cause: error });
  }
  const reason = (code && MESSAGES[code]) ?? 'the file system failed';
  return new StorageError(`${action}: ${reason}`, {
    cause: error,
    details: { code: code ?? null, path: path ?? null },
  });
}

/** Runs a file-system step and rethrows any failure as an AlmaError. */
export async function guard<T>(action: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw toAlmaError(error, action);
  }
}
