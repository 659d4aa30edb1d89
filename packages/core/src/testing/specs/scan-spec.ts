import { describe, expect, it } from 'vitest';
import type { MemoryRecord } from '../../model/kinds.js';
import { OTHER_PROJECT, PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export function scanSpec(context: SpecContext): void {
  describe('scan', () => {
    it('streams every record of every project, ordered by projectId then id', async () => {
      const { store } = await context.open();
      const written: MemoryRecord<'preference'>[] = [];
      for (const projectId of [OTHER_PROJECT, PROJECT, 'proj-0']) {
        const batch = Array.from({ length: 350 }, (_, i) =>
          sampleInput('preference', { projectId, preference: `p${i}` }),
        );
        written.push(...(await store.preferences.putMany(batch)).items);
      }
      const scanned = await collect(store.preferences.scan());
      const expected = [...written].sort((a, b) =>
        a.projectId === b.projectId ? (a.id < b.id ? -1 : 1) : a.projectId < b.projectId ? -1 : 1,
      );
      expect(scanned).toEqual(expected);
    });

    it('streams one project when asked', async () => {
      const { store } = await context.open();
      await store.preferences.putMany([
        sampleInput('preference'),
        sampleInput('preference', { projectId: OTHER_PROJECT }),
      ]);
      const scanned = await collect(store.preferences.scan({ projectId: OTHER_PROJECT }));
      expect(scanned.map((record) => record.projectId)).toEqual([OTHER_PROJECT]);
    });
  });
}
