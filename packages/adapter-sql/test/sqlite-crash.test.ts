import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlAdapter } from '@alma/adapter-sql';
import { MemoryStore } from '@alma/core';
import { PROJECT, randomVector, sampleInput, seededRandom } from '@alma/core/testing';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'alma-sqlite-crash-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Runs the writer child and SIGKILLs it once `marker` has been printed `times` times. */
async function killWriterAfter(file: string, marker: RegExp, times: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@alma/source',
      '--import',
      'tsx',
      join(import.meta.dirname, 'fixtures', 'sqlite-write-forever.ts'),
      file,
      '1500',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if ((output.match(new RegExp(marker, 'g')) ?? []).length >= times) resolve();
    });
    child.on('exit', () => reject(new Error(`writer exited early:\n${output}`)));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('close', resolve));
}

async function expectIndexMatchesRows(file: string, expectedRows?: number): Promise<void> {
  const adapter = await SqlAdapter.open({ dialect: 'sqlite', file });
  const store = await MemoryStore.open(adapter);
  for (const health of await adapter.vectorHealth()) {
    expect(health.outboxBacklog).toBe(0);
    expect(health.indexedRows, health.kind).toBe(health.rowsWithEmbedding);
  }
  const live = new Set<string>();
  for await (const outcome of store.outcomes.scan({ projectId: PROJECT })) live.add(outcome.id);
  // Every round is whole or gone: batches and deletes are atomic across the crash.
  if (expectedRows === undefined) expect(live.size % 1500).toBe(0);
  else expect(live.size).toBe(expectedRows);
  const random = seededRandom(5);
  for (let q = 0; q < 5; q++) {
    const hits = await store.outcomes.search({
      where: { projectId: PROJECT },
      vector: randomVector(random),
      k: 50,
    });
    expect(hits.length).toBe(Math.min(50, live.size));
    for (const hit of hits) expect(live.has(hit.record.id)).toBe(true);
  }
  await store.close();
}

describe('SQLite + LanceDB stay consistent across SIGKILL', () => {
  it('applies at open what a crash left in the outbox after commit', async () => {
    const file = join(directory, 'alma.db');
    const first = await MemoryStore.open(await SqlAdapter.open({ dialect: 'sqlite', file }), {
      dimension: 8,
    });
    const random = seededRandom(1);
    const { items } = await first.outcomes.putMany(
      Array.from({ length: 20 }, () => sampleInput('outcome', { embedding: randomVector(random) })),
    );
    await first.close();
    // What a crash between commit and index update leaves: rows changed, the outbox still holding the change.
    const db = new Database(file);
    const doomed = items.slice(0, 5).map(({ projectId, id }) => ({ projectId, id }));
    db.transaction(() => {
      for (const ref of doomed)
        db.prepare('DELETE FROM alma_outcomes WHERE project_id = ? AND id = ?').run(ref.projectId, ref.id);
      db.prepare("INSERT INTO alma_vector_outbox (kind, op, refs) VALUES ('outcome', 'delete', ?)").run(
        JSON.stringify(doomed),
      );
    })();
    db.close();
    await expectIndexMatchesRows(file, 20 - 5);
  });

  it('killed in the middle of a large putMany, then reopened', async () => {
    const file = join(directory, 'alma.db');
    await killWriterAfter(file, /putMany/, 4);
    await expectIndexMatchesRows(file);
  });

  it('killed in the middle of a deleteWhere, then reopened', async () => {
    const file = join(directory, 'alma.db');
    await killWriterAfter(file, /deleteWhere/, 2);
    await expectIndexMatchesRows(file);
  });
});
