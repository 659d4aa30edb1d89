import { describe, expect, it } from 'vitest';
import { KINDS } from '../../model/kinds.js';
import { MemoryAdapter } from '../../reference/memory-adapter.js';
import { MemoryStore } from '../../store/memory-store.js';
import { readExport } from '../../transfer/ndjson-reader.js';
import { exportStore } from '../../transfer/ndjson-writer.js';
import { OTHER_PROJECT, randomVector, sampleInput, seededRandom } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

async function* from(lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

export function exportSpec(context: SpecContext): void {
  describe('export and import (lossless NDJSON)', () => {
    it('exports, imports into a fresh store and exports again byte for byte', async () => {
      const source = await context.open();
      const random = seededRandom(11);
      for (const kind of KINDS) {
        await source.store.kind(kind).putMany([
          sampleInput(kind, {
            embedding: randomVector(random),
            metadata: { nested: { a: [1, 'b', null] } },
          }),
          sampleInput(kind, { projectId: OTHER_PROJECT }),
        ]);
      }
      const first = await collect(exportStore(source.store));
      const target = await context.open();
      for await (const item of readExport(from(first))) {
        if ('header' in item) continue;
        await target.store.kind(item.kind).put(item.record as never);
      }
      const second = await collect(exportStore(target.store));
      expect(second.join('')).toBe(first.join(''));
      expect(first).toHaveLength(1 + 2 * KINDS.length + 1);
    });

    it('exports the very bytes the reference store exports for the same records', async () => {
      const { store } = await context.open();
      const reference = await MemoryStore.open(new MemoryAdapter(), { dimension: store.dimension });
      const random = seededRandom(12);
      for (const kind of KINDS) {
        // Keys deliberately out of order: some backends (jsonb) keep them in an order of their own.
        const metadata = { zeta: 1, a: { y: true, b: [2, 'x'] }, mid: 'm' };
        const { items } = await store
          .kind(kind)
          .putMany([sampleInput(kind, { embedding: randomVector(random), metadata })]);
        await reference.kind(kind).putMany(items as never);
      }
      expect((await collect(exportStore(store))).join('')).toBe(
        (await collect(exportStore(reference))).join(''),
      );
      await reference.close();
    });
  });
}
