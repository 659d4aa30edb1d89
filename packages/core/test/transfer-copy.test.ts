import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CheckpointFile,
  type CopyIdentity,
  compareDigests,
  copyStore,
  digestStore,
  type Embedder,
  exportStore,
  KINDS,
  type Kind,
  MemoryAdapter,
  type MemoryRecord,
  MemoryStore,
  type StoreAdapter,
} from '@alma/core';
import { expectAlmaError, randomVector, sampleInput, seededRandom } from '@alma/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const DIMENSION = 4;

/** Two projects, every kind, some records without embeddings, metadata of every JSON type. */
async function seededStore(perKind = 23): Promise<MemoryStore> {
  const store = await MemoryStore.open(new MemoryAdapter(), { dimension: DIMENSION, embedder: 'test:4' });
  const random = seededRandom(7);
  for (const kind of KINDS) {
    const inputs = Array.from({ length: perKind }, (_, i) =>
      sampleInput(kind, {
        projectId: i % 3 === 0 ? 'proj-b' : 'proj-a',
        createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, i)),
        metadata: { i, nested: { ok: i % 2 === 0, list: [1, 'two', null] } },
        embedding: i % 4 === 0 ? null : randomVector(random, DIMENSION),
      } as never),
    );
    await store.kind(kind).putMany(inputs);
  }
  return store;
}

async function exported(store: MemoryStore): Promise<string> {
  let text = '';
  for await (const line of exportStore(store)) text += line;
  return text;
}

/** An adapter that fails every putMany after the first `allowed` ones: a copy cut short. */
function failingAfter(inner: StoreAdapter, allowed: number): StoreAdapter {
  let calls = 0;
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'putMany') {
        return (kind: Kind, records: readonly MemoryRecord<Kind>[]) => {
          calls += 1;
          if (calls > allowed) return Promise.reject(new Error('connection lost'));
          return target.putMany(kind, records);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const identity: CopyIdentity = { source: 'memory:a', target: 'memory:b', projectId: null, reembedWith: null };

describe('copyStore', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'alma-copy-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('copies every kind and project exactly: the exports are byte-identical and the digests match', async () => {
    const source = await seededStore();
    const target = await MemoryStore.open(new MemoryAdapter(), { dimension: DIMENSION });
    const batches: number[] = [];
    const report = await copyStore(source, target, {
      batchSize: 10,
      onBatch: (p) => void batches.push(p.copied),
    });
    expect(Object.values(report.copied).reduce((a, b) => a + b, 0)).toBe(KINDS.length * 23);
    expect(batches.at(-1)).toBe(KINDS.length * 23);
    expect(await exported(target)).toBe(
      (await exported(source)).replace('"embedder":"test:4"', '"embedder":null'),
    );
    const verification = compareDigests(report.sourceDigest, await digestStore(target));
    expect(verification.ok).toBe(true);
    expect(verification.rows).toHaveLength(KINDS.length * 2);
    expect(
      verification.rows.find((row) => row.kind === 'outcome' && row.projectId === 'proj-b')?.sourceCount,
    ).toBe(8);
  });

  it('resumes from the checkpoint after an interruption and ends identical to an uninterrupted copy', async () => {
    const source = await seededStore();
    const reference = await MemoryStore.open(new MemoryAdapter(), { dimension: DIMENSION });
    await copyStore(source, reference, { batchSize: 7 });

    const targetAdapter = new MemoryAdapter();
    const checkpoint = new CheckpointFile(join(directory, 'copy.checkpoint.json'));
    const save = async (position: { kind: Kind; projectId: string; id: string }, copied: number) =>
      checkpoint.write({
        format: 'alma-copy-checkpoint',
        version: 1,
        ...identity,
        position,
        copied,
        updatedAt: new Date().toISOString(),
      });
    const broken = await MemoryStore.open(failingAfter(targetAdapter, 6), { dimension: DIMENSION });
    await expect(
      copyStore(source, broken, { batchSize: 7, onBatch: (p) => save(p.position, p.copied) }),
    ).rejects.toThrow('connection lost');
    const saved = await checkpoint.read(identity);
    // Six batches went in: the 23 heuristics as 7, 7, 7, 2, then two batches of outcomes.
    const done = 7 + 7 + 7 + 2 + 7 + 7;
    expect(saved?.copied).toBe(done);

    const target = await MemoryStore.open(targetAdapter, { dimension: DIMENSION });
    const report = await copyStore(source, target, { batchSize: 7, resumeAfter: saved!.position });
    expect(report.skipped).toBe(done);
    expect(Object.values(report.copied).reduce((a, b) => a + b, 0)).toBe(KINDS.length * 23 - done);
    expect(await exported(target)).toBe(await exported(reference));
    expect(compareDigests(report.sourceDigest, await digestStore(target)).ok).toBe(true);
  });

  it('refuses a checkpoint of another copy', async () => {
    const checkpoint = new CheckpointFile(join(directory, 'other.json'));
    await checkpoint.write({
      format: 'alma-copy-checkpoint',
      version: 1,
      ...identity,
      position: null,
      copied: 0,
      updatedAt: new Date().toISOString(),
    });
    await expectAlmaError(checkpoint.read({ ...identity, target: 'memory:c' }), 'CONFLICT');
    expect(await new CheckpointFile(join(directory, 'absent.json')).read(identity)).toBeNull();
  });

  it('refuses to mix embedders or dimensions, and re-embeds on request', async () => {
    const source = await seededStore(5);
    const wider = await MemoryStore.open(new MemoryAdapter(), { dimension: 8 });
    await expectAlmaError(copyStore(source, wider), 'DIMENSION_MISMATCH');
    const otherEmbedder = await MemoryStore.open(new MemoryAdapter(), {
      dimension: DIMENSION,
      embedder: 'x',
    });
    await expectAlmaError(copyStore(source, otherEmbedder), 'CONFLICT');

    const embedder = new TextLengthEmbedder(16);
    const target = await MemoryStore.open(new MemoryAdapter(), { dimension: 16, embedder: embedder.id });
    const report = await copyStore(source, target, { reembed: embedder });
    expect(report.withoutEmbeddings).toBe(true);
    const heuristic = (await target.heuristics.find({ where: { projectId: 'proj-a' }, limit: 1 })).items[0]!;
    const [expected] = await embedder.embed([`${heuristic.condition}\n${heuristic.strategy}`]);
    expect(heuristic.embedding).toEqual(expected);
    const verification = compareDigests(
      report.sourceDigest,
      await digestStore(target, { withoutEmbeddings: true }),
    );
    expect(verification.ok).toBe(true);
  });

  it('verification names the kind and project that differ, and lists projects only the target has', async () => {
    const source = await seededStore(6);
    const target = await MemoryStore.open(new MemoryAdapter(), { dimension: DIMENSION });
    const report = await copyStore(source, target, { projectId: 'proj-a' });
    const changed = (await target.outcomes.find({ where: { projectId: 'proj-a' }, limit: 1 })).items[0]!;
    await target.outcomes.update(changed, { success: !changed.success });
    await target.heuristics.put(sampleInput('heuristic', { projectId: 'proj-z' }));
    const verification = compareDigests(report.sourceDigest, await digestStore(target));
    expect(verification.ok).toBe(false);
    const statuses = verification.rows.map((row) => `${row.kind}/${row.projectId}:${row.status}`);
    expect(statuses).toContain('outcome/proj-a:differs');
    expect(statuses).toContain('heuristic/proj-a:match');
    expect(statuses).toContain('heuristic/proj-z:extra');
    expect(statuses.some((status) => status.includes('proj-b'))).toBe(false);
  });
});

/** A deterministic embedder for re-embedding: core owns only the contract, not an implementation. */
class TextLengthEmbedder implements Embedder {
  readonly id: string;
  constructor(readonly dimension: number) {
    this.id = `text-length:${dimension}`;
  }
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
      const vector = new Float32Array(this.dimension);
      for (let i = 0; i < text.length; i++) vector[i % this.dimension]! += text.charCodeAt(i) / 1000;
      return vector;
    });
  }
}
