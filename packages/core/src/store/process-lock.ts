import { readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { StorageError, StoreLockedError } from '../errors/alma-error.js';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** Lock files this process holds now: a file naming our pid but not in here was left by a former process. */
const held = new Set<string>();

/**
 * An exclusive lock on a store for one process: a lock file created with O_EXCL holding the
 * owner's pid. A second open, in this process or another, fails with STORE_LOCKED naming the owner.
 * A lock left by a process that died is taken over, also when a restarted container gives the new
 * process the dead one's pid.
 */
export class ProcessLock {
  private constructor(private readonly path: string) {}

  /** Takes the lock file at `path` for the store `what` names in messages. */
  static async acquire(path: string, what: string): Promise<ProcessLock> {
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await writeFile(path, JSON.stringify(owner), { flag: 'wx' });
        held.add(path);
        return new ProcessLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new StorageError(`locking ${what} failed`, { cause: error });
        }
        const holder = await readOwner(path);
        if (holder && isAlive(holder, path)) {
          throw new StoreLockedError(
            `${what} is open in process ${holder.pid} on ${holder.host} since ${holder.since}; one process at a time may open it`,
            { details: { ...holder } },
          );
        }
        // The owner is gone: its lock is stale. Remove it and try once more (a racing opener may win).
        await unlink(path).catch(() => {});
      }
    }
    throw new StoreLockedError(`${what} was locked by another process while opening`);
  }

  async release(): Promise<void> {
    held.delete(this.path);
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

function isAlive(owner: LockOwner, path: string): boolean {
  if (owner.host !== hostname()) return true; // cannot check another machine's processes: assume alive
  if (owner.pid === process.pid) return held.has(path);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
