import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAdapter } from '@alma/adapter-file';
import { MemoryStore } from '@alma/core';
import { expectAlmaError, PROJECT, sampleInput } from '@alma/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let directory: string;
const logPath = () => join(directory, 'alma_heuristics.jsonl');
const open = async () => MemoryStore.open(await FileAdapter.open({ directory }), { dimension: 8 });

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'alma-file-crash-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('file store: crashes and damage', () => {
  it('ignores a torn last line on reopen and appends cleanly after it', async () => {
    const store = await open();
    const kept = await store.heuristics.put(sampleInput('heuristic'));
    await store.close();
    await appendFile(logPath(), '{"op":"put","records":[{"id":"0190');
    const reopened = await open();
    expect(await reopened.heuristics.get(kept)).toEqual(kept);
    const added = await reopened.heuristics.put(sampleInput('heuristic'));
    await reopened.close();
    const again = await open();
    expect(await again.heuristics.count({ projectId: PROJECT })).toBe(2);
    expect(await again.heuristics.get(added)).toEqual(added);
    await again.close();
  });

  it('refuses a log damaged in the middle, naming the line', async () => {
    const store = await open();
    await store.heuristics.put(sampleInput('heuristic'));
    await store.heuristics.put(sampleInput('heuristic'));
    await store.close();
    const lines = (await readFile(logPath(), 'utf8')).split('\n');
    lines[1] = '{"op":"put","records":[{"broken"';
    await writeFile(logPath(), lines.join('\n'));
    const error = await expectAlmaError(FileAdapter.open({ directory }), 'CORRUPT_DATA');
    expect(error.message).toContain('line 2');
  });

  it('starts afresh a log whose header never reached the disk', async () => {
    await (await open()).close();
    await writeFile(logPath(), '{"format":"alma-fi');
    const store = await open();
    expect(await store.heuristics.count({ projectId: PROJECT })).toBe(0);
    await store.heuristics.put(sampleInput('heuristic'));
    await store.close();
    const reopened = await open();
    expect(await reopened.heuristics.count({ projectId: PROJECT })).toBe(1);
    await reopened.close();
  });

  it('keeps putMany and deleteWhere all-or-nothing when the process is killed mid-write', async () => {
    const batch = 200;
    const child = spawn(
      process.execPath,
      [
        '--conditions=@alma/source',
        '--import',
        'tsx',
        join(import.meta.dirname, 'fixtures', 'write-forever.ts'),
        directory,
        String(batch),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let progress = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        progress += chunk.toString();
        // Kill once several batches and deletes are in, while the child is still writing.
        if ((progress.match(/batch/g) ?? []).length >= 8) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited early: ${progress}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));

    const store = await open();
    const count = await store.outcomes.count({ projectId: PROJECT });
    expect(count % batch).toBe(0);
    // Every batch is deleted whole or not at all, so each remaining task id appears `batch` times or never.
    const perRound = new Map<string, number>();
    for await (const outcome of store.outcomes.scan()) {
      perRound.set(outcome.taskType, (perRound.get(outcome.taskType) ?? 0) + 1);
    }
    for (const n of perRound.values()) expect(n).toBe(batch);
    await store.close();
  });
});

describe('file store: append-only writes and compaction', () => {
  it('appends one line per write instead of rewriting the file (PC-6)', async () => {
    const store = await open();
    await store.heuristics.put(sampleInput('heuristic'));
    const before = (await readFile(logPath(), 'utf8')).split('\n').length;
    const sizeBefore = (await stat(logPath())).size;
    await store.heuristics.put(sampleInput('heuristic'));
    const text = await readFile(logPath(), 'utf8');
    expect(text.split('\n').length).toBe(before + 1);
    expect(text.length).toBeGreaterThan(sizeBefore);
    await store.close();
  });

  it('compacts on demand and on its own, keeping exactly the live records', async () => {
    const adapter = await FileAdapter.open({ directory, compactAfterGarbage: 50, compactGarbageRatio: 2 });
    const store = await MemoryStore.open(adapter, { dimension: 8 });
    const saved = await store.heuristics.put(sampleInput('heuristic'));
    const other = await store.heuristics.put(sampleInput('heuristic', { strategy: 'other' }));
    for (let i = 0; i < 40; i++) await store.heuristics.increment(saved, { occurrenceCount: 1 });
    const grown = (await readFile(logPath(), 'utf8')).split('\n').length;
    expect(grown).toBeGreaterThan(40);
    for (let i = 0; i < 20; i++) await store.heuristics.increment(saved, { occurrenceCount: 1 });
    const afterAuto = (await readFile(logPath(), 'utf8')).split('\n').length;
    expect(afterAuto).toBeLessThan(grown);
    await store.heuristics.delete(other);
    await adapter.compact();
    expect((await readFile(logPath(), 'utf8')).trim().split('\n')).toHaveLength(2);
    const expected = await store.heuristics.get(saved);
    expect(expected?.occurrenceCount).toBe(60);
    await store.close();
    const reopened = await open();
    expect(await reopened.heuristics.get(saved)).toEqual(expected);
    expect(await reopened.heuristics.count({ projectId: PROJECT })).toBe(1);
    await reopened.close();
  });

  it('removes the temp file of a compaction that died before its rename', async () => {
    await (await open()).close();
    await writeFile(`${logPath()}.compact-tmp`, 'half a compaction');
    await (await open()).close();
    await expect(stat(`${logPath()}.compact-tmp`)).rejects.toThrow();
  });
});
