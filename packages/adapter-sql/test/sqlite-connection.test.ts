import { mkdtemp, readdir, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlAdapter } from '@alma/adapter-sql';
import { MemoryStore } from '@alma/core';
import { PROJECT, randomVector, sampleInput, seededRandom } from '@alma/core/testing';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'alma-sqlite-connection-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(directory, { recursive: true, force: true });
});

/**
 * What this process holds open on the database and its WAL files: `fd -> file`, read from
 * /proc/self/fd. Each SQLite connection holds its own descriptor on the database file and on the
 * WAL; connections of one process share the `-shm` one.
 */
async function openFilesOf(file: string): Promise<string[]> {
  const watched = new Set([file, `${file}-wal`, `${file}-shm`]);
  const held: string[] = [];
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => null);
    if (target !== null && watched.has(target)) held.push(`${fd} -> ${target}`);
  }
  return held.sort();
}

const onDatabaseFile = (file: string) => (entry: string) => entry.endsWith(` -> ${file}`);

describe('SQLite store connections (PC-5)', () => {
  it('keeps two long-lived WAL connections for 100 put/get/search calls instead of one per operation', async () => {
    const file = join(directory, 'alma.db');
    const store = await MemoryStore.open(await SqlAdapter.open({ dialect: 'sqlite', file }), {
      dimension: 8,
    });
    const random = seededRandom(21);
    let atOpen: string[] = [];
    let walInode = 0;
    try {
      atOpen = await openFilesOf(file);
      // The writer and the read-only reader, both opened at open: two descriptors on the database
      // file, and WAL and shared-memory files held open, which only a connection in WAL mode has.
      expect(atOpen.filter(onDatabaseFile(file))).toHaveLength(2);
      expect(atOpen.filter(onDatabaseFile(`${file}-wal`))).toHaveLength(2);
      expect(atOpen.filter(onDatabaseFile(`${file}-shm`))).toHaveLength(1);
      walInode = (await stat(`${file}-wal`)).ino;

      const calls: (() => Promise<unknown>)[] = [];
      let last: { projectId: string; id: string } | null = null;
      for (let i = 0; i < 34; i++) {
        calls.push(async () => {
          last = await store.heuristics.put(sampleInput('heuristic', { embedding: randomVector(random) }));
        });
        calls.push(async () => expect(await store.heuristics.get(last!)).not.toBeNull());
        calls.push(async () =>
          expect(
            await store.heuristics.search({
              where: { projectId: PROJECT },
              vector: randomVector(random),
              k: 5,
            }),
          ).not.toHaveLength(0),
        );
      }
      expect(calls.length).toBeGreaterThanOrEqual(100);
      // A connection opened for one operation is either closed after it (seen here: every driver
      // connection, Prisma's and the reader, is a better-sqlite3 Database) or leaked (seen below).
      const closes = vi.spyOn(Database.prototype, 'close');
      for (const [n, call] of calls.entries()) {
        await call();
        // Between operations the very same descriptors stay open: a connection per operation would
        // hold none here (or leak more), and a WAL file deleted by a last connection closing would
        // come back with another inode.
        expect(await openFilesOf(file), `after call ${n + 1}`).toEqual(atOpen);
        expect((await stat(`${file}-wal`)).ino, `after call ${n + 1}`).toBe(walInode);
      }
      expect(closes).not.toHaveBeenCalled();
      closes.mockRestore();
      expect(await store.heuristics.count({ projectId: PROJECT })).toBe(34);
      expect(await openFilesOf(file)).toEqual(atOpen);

      // A separate connection, beside the store's, finds the database in WAL mode.
      const other = new Database(file, { readonly: true, fileMustExist: true });
      try {
        expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        other.close();
      }
    } finally {
      await store.close();
    }
    // Close releases both connections.
    expect(await openFilesOf(file)).toEqual([]);
  });
});
