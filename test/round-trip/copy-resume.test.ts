import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, watch } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@alma/adapter-sql/testing';
import { openStore } from '@alma/connect';
import { type CopyCheckpoint, KINDS } from '@alma/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runBuiltCli, startBuiltCli } from '../support/built-cli.js';
import { seedDataset } from '../support/memory-dataset.js';
import { exportText } from '../support/store-export.js';

// About 50 batches of 20 over the nine kinds: the kill lands halfway with 25 batches to spare,
// whatever the machine's load.
const PER_KIND = 112;
const TOTAL = KINDS.length * PER_KIND;

async function exportOf(url: string): Promise<string> {
  const opened = await openStore(url, { mustExist: true });
  try {
    return await exportText(opened.store);
  } finally {
    await opened.close();
  }
}

async function readCheckpoint(path: string): Promise<CopyCheckpoint | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as CopyCheckpoint;
  } catch {
    return null;
  }
}

/**
 * The first checkpoint that counts at least `copied` records, read each time the file system says the
 * checkpoint's folder changed; null if the copy exits first.
 */
async function checkpointReaching(
  path: string,
  copied: number,
  copy: ChildProcess,
): Promise<CopyCheckpoint | null> {
  const exited = new AbortController();
  copy.once('exit', () => exited.abort());
  try {
    for await (const _ of watch(dirname(path), { signal: exited.signal })) {
      const seen = await readCheckpoint(path);
      if (seen !== null && seen.copied >= copied) return seen;
    }
  } catch (error) {
    if (!exited.signal.aborted) throw error;
  }
  return null;
}

describe('a copy killed with SIGKILL halfway, then run again', () => {
  let directory: string;
  let source: string;
  let interrupted: PostgresTestDatabase;
  let uninterrupted: PostgresTestDatabase;
  beforeAll(async () => {
    assertCliBuilt();
    directory = await mkdtemp(join(tmpdir(), 'alma-resume-'));
    source = `sqlite:${join(directory, 'source.db')}`;
    const seeded = await openStore(source, { dimension: 16, embedder: 'resume:16' });
    // Metadata fidelity across backends is the round trip's subject; here one key keeps the focus on resuming.
    await seedDataset(seeded.store, PER_KIND, { flatMetadata: true });
    await seeded.close();
    [interrupted, uninterrupted] = await Promise.all([
      createPostgresTestDatabase('alma_resume_killed'),
      createPostgresTestDatabase('alma_resume_whole'),
    ]);
  });
  afterAll(async () => {
    await interrupted?.drop();
    await uninterrupted?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('resumes from its checkpoint and ends identical to an uninterrupted copy', async () => {
    const checkpoint = join(directory, 'copy.checkpoint.json');
    const args = [
      'copy',
      '--from',
      source,
      '--to',
      interrupted.connectionString,
      '--batch-size',
      '20',
      '--checkpoint',
      checkpoint,
      '--json',
    ];
    const killed = startBuiltCli(args, { cwd: directory });
    await checkpointReaching(checkpoint, TOTAL / 2, killed.child);
    killed.child.kill('SIGKILL');
    const death = await killed.finished;
    expect(death.signal, `the copy ended before it was killed: ${death.stdout}${death.stderr}`).toBe(
      'SIGKILL',
    );
    const left = await readCheckpoint(checkpoint);
    expect(left!.copied).toBeGreaterThanOrEqual(TOTAL / 2);
    expect(left!.copied).toBeLessThan(TOTAL);

    const resumed = await runBuiltCli(args, { cwd: directory });
    expect(resumed.code, resumed.stderr).toBe(0);
    const report = JSON.parse(resumed.stdout);
    expect(report).toMatchObject({
      resumed: true,
      skipped: left!.copied,
      total: TOTAL,
      verification: { ok: true },
    });
    expect(existsSync(checkpoint)).toBe(false);

    // The uninterrupted copy is the reference. It runs after the others: a SQLite store is opened by
    // one process at a time (decision 104), the source included.
    const wholeRun = await runBuiltCli(
      ['copy', '--from', source, '--to', uninterrupted.connectionString, '--json'],
      {
        cwd: directory,
      },
    );
    expect(wholeRun.code, wholeRun.stderr).toBe(0);
    expect(JSON.parse(wholeRun.stdout)).toMatchObject({
      resumed: false,
      skipped: 0,
      verification: { ok: true },
    });

    const expected = await exportOf(source);
    expect(await exportOf(uninterrupted.connectionString)).toBe(expected);
    expect(await exportOf(interrupted.connectionString)).toBe(expected);
  });
});
