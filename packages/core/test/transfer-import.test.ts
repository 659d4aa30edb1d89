import {
  checkExport,
  type ExportHeader,
  exportStore,
  importRecords,
  KINDS,
  MemoryAdapter,
  MemoryStore,
} from '@alma/core';
import { expectAlmaError, sampleInput } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';

async function exportLines(): Promise<string[]> {
  const store = await MemoryStore.open(new MemoryAdapter(), { dimension: 3 });
  for (const kind of KINDS) {
    await store
      .kind(kind)
      .putMany(
        Array.from({ length: 10 }, (_, i) =>
          sampleInput(kind, { metadata: { i }, embedding: [i, 1, -i] } as never),
        ),
      );
  }
  const lines: string[] = [];
  for await (const line of exportStore(store)) lines.push(line);
  return lines;
}

async function* stream(lines: readonly string[]) {
  yield* lines;
}

async function importInto(lines: readonly string[], batchSize = 4) {
  const store = await MemoryStore.open(new MemoryAdapter(), { dimension: 3 });
  const opened: ExportHeader[] = [];
  const result = await importRecords(
    stream(lines),
    async (header) => {
      opened.push(header);
      return store;
    },
    { batchSize },
  ).catch((error: unknown) => error);
  const { total } = await store.stats({ projectId: 'proj-a' });
  return { store, result, total, opened };
}

describe('importRecords', () => {
  it('imports an export whole, and again without duplicates', async () => {
    const lines = await exportLines();
    const { store, result } = await importInto(lines);
    expect(result).toMatchObject({ imported: { heuristic: 10, antiPattern: 10 } });
    await importRecords(stream(lines), async () => store);
    let again = '';
    for await (const line of exportStore(store)) again += line;
    expect(again).toBe(lines.join(''));
  });

  it('fails on a damaged line with its number and writes nothing of that batch', async () => {
    const lines = await exportLines();
    // Line 8 is the 7th heuristic: batches of 4 hold lines 2-5 and 6-9.
    lines[7] = lines[7]!.replace('"confidence":0', '"confidence":7');
    const { result, total } = await importInto(lines);
    const error = await expectAlmaError(Promise.reject(result), 'CORRUPT_DATA');
    expect(error.message).toMatch(/^line 8: /);
    expect(total).toBe(4);
  });

  it('fails on a truncated file at its last line and writes nothing of the last batch', async () => {
    const lines = await exportLines();
    const cut = lines.slice(0, 23);
    const { result, total } = await importInto(cut, 5);
    const error = await expectAlmaError(Promise.reject(result), 'CORRUPT_DATA');
    expect(error.message).toBe('line 23: input ends before the summary line: truncated');
    // 22 records read: 10 heuristics and 10 outcomes in whole batches, then 2 preferences held back.
    expect(total).toBe(20);
    await expectAlmaError(checkExport(stream(cut)), 'CORRUPT_DATA');
  });

  it('refuses an export of another dimension before writing', async () => {
    const lines = await exportLines();
    const store = await MemoryStore.open(new MemoryAdapter(), { dimension: 5 });
    await expectAlmaError(
      importRecords(stream(lines), async () => store),
      'DIMENSION_MISMATCH',
    );
    expect((await store.stats({ projectId: 'proj-a' })).total).toBe(0);
  });
});
