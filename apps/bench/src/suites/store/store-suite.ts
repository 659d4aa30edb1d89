import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAdapter } from '@alma/adapter-file';
import { MemoryAdapter, type MemoryInput, MemoryStore, recordLine } from '@alma/core';
import { randomVector, seededRandom } from '@alma/core/testing';
import type { BenchSuite, BenchTable } from '../../bench-suite.js';
import { quantile, timeIt } from '../../measure.js';

const DIMENSION = 384;
const BATCH = 1_000;
const QUERIES = 50;

function inputs(n: number): MemoryInput<'heuristic'>[] {
  const random = seededRandom(2026);
  return Array.from({ length: n }, (_, i) => ({
    projectId: `p${i % 4}`,
    agent: `agent-${i % 10}`,
    condition: `condition ${i}`,
    strategy: `strategy ${i % 97}`,
    confidence: (i % 100) / 100,
    embedding: randomVector(random, DIMENSION),
  }));
}

async function putAll(store: MemoryStore, data: MemoryInput<'heuristic'>[]): Promise<number> {
  return timeIt(async () => {
    for (let i = 0; i < data.length; i += BATCH) await store.heuristics.putMany(data.slice(i, i + BATCH));
  });
}

/** putMany on the memory and file stores against the floor of appending the same bytes to a file. */
export const storeSuite: BenchSuite = {
  name: 'store',
  description: 'memory and file stores: bulk insert against a raw append floor, replay, exact search',
  async run({ quick }) {
    const sizes = quick ? [10_000] : [10_000, 100_000];
    const rows: (string | number)[][] = [];
    const figures: Record<string, number> = {};
    for (const n of sizes) {
      const data = inputs(n);
      const directory = await mkdtemp(join(tmpdir(), 'alma-bench-store-'));
      try {
        const memory = await MemoryStore.open(new MemoryAdapter(), { dimension: DIMENSION });
        const memoryMs = await putAll(memory, data);
        const lines = (await memory.heuristics.find({ where: { projectId: 'p0' }, limit: 1 })).items;
        const sample = recordLine('heuristic', lines[0]!);
        const rawPath = join(directory, 'raw.jsonl');
        const rawMs = await timeIt(async () => {
          for (let i = 0; i < n; i += BATCH) await appendFile(rawPath, sample.repeat(Math.min(BATCH, n - i)));
        });
        const fileDir = join(directory, 'store');
        const file = await MemoryStore.open(await FileAdapter.open({ directory: fileDir }), {
          dimension: DIMENSION,
        });
        const fileMs = await putAll(file, data);
        await file.close();
        let reopened: MemoryStore | undefined;
        const replayMs = await timeIt(async () => {
          reopened = await MemoryStore.open(await FileAdapter.open({ directory: fileDir }));
        });
        const random = seededRandom(7);
        const latencies: number[] = [];
        for (let q = 0; q < QUERIES; q++) {
          const vector = randomVector(random, DIMENSION);
          latencies.push(
            await timeIt(() => reopened!.heuristics.search({ where: { projectId: 'p1' }, vector, k: 10 })),
          );
        }
        await reopened!.close();
        const perSecond = (ms: number) => Math.round((n / ms) * 1000);
        rows.push([
          n,
          perSecond(memoryMs),
          perSecond(fileMs),
          perSecond(rawMs),
          fileMs / rawMs,
          replayMs,
          quantile(latencies, 0.5),
          quantile(latencies, 0.95),
        ]);
        Object.assign(figures, {
          [`n${n}.memoryPutPerSec`]: perSecond(memoryMs),
          [`n${n}.filePutPerSec`]: perSecond(fileMs),
          [`n${n}.rawAppendPerSec`]: perSecond(rawMs),
          [`n${n}.fileOverRaw`]: fileMs / rawMs,
          [`n${n}.fileReplayMs`]: replayMs,
          [`n${n}.fileSearchP50Ms`]: quantile(latencies, 0.5),
          [`n${n}.fileSearchP95Ms`]: quantile(latencies, 0.95),
        });
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    }
    const table: BenchTable = {
      title: `bulk insert (putMany, batches of ${BATCH}) and exact search, ${DIMENSION}-d`,
      columns: [
        'records',
        'memory rec/s',
        'file rec/s',
        'raw append rec/s',
        'file/raw time',
        'file replay ms',
        'search p50 ms',
        'search p95 ms',
      ],
      rows,
      notes: [
        'raw append: the same encoded bytes appended to one file per batch, no validation: the floor for the file store.',
        'search: exact cosine top-10 over one project (a quarter of the records), filter included.',
      ],
    };
    return { suite: 'store', quick, tables: [table], figures };
  },
};
