import { readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreLockedError } from '@alma/core';
import { guard } from '../file-errors.js';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/**
 * An exclusive lock on a store directory: a LOCK file created with O_EXCL holding the owner's pid.
 * A lock left by a process that died is taken over; a live owner makes the open fail.
 */
export class ProcessLock {
  private constructor(private readonly path: string) {}

  static async acquire(directory: string): Promise<ProcessLock> {
    const path = join(directory, 'LOCK');
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await writeFile(path, JSON.stringify(owner), { flag: 'wx' });
        return new ProcessLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          return guard('locking the store', () => Promise.reject(error));
        }
        const holder = await readOwner(path);
        if (holder && isAlive(holder)) {
          throw new StoreLockedError(
            `the store at ${directory} is open in process ${holder.pid} on ${holder.host} since ${holder.since}`,
            { details: { ...holder } },
          );
        }
        // The owner is gone: its lock is stale. Remove it and try once more (a racing opener may win).
        await unlink(path).catch(() => {});
      }
    }
    throw new StoreLockedError(`the store at ${directory} was locked by another process while opening`);
  }

  async release(): Promise<void> {
    await unlink(this.path).catch(() => {});
  }
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch {
    // Unreadable: written by a process that died between create and write. Treat as stale.
    return null;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // cannot check another machine's processes: assume alive
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
