import { expect, it } from 'vitest';
import { KINDS } from '../../model/kinds.js';
import { MemoryStore } from '../../store/memory-store.js';
import { describeNeeding } from '../capability-gate.js';
import { expectAlmaError } from '../expect-error.js';
import { PROJECT, randomVector, sampleInput, seededRandom } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

export function persistenceSpec(context: SpecContext): void {
  describeNeeding(context.harness.capabilities, { persistent: true })('persistence', () => {
    it('reopens with exactly the records it held, updates and deletes included', async () => {
      const opened = await context.open();
      const random = seededRandom(3);
      const kept = [];
      for (const kind of KINDS) {
        const { items } = await opened.store
          .kind(kind)
          .putMany([
            sampleInput(kind, { embedding: randomVector(random), metadata: { kind } }),
            sampleInput(kind),
          ]);
        kept.push(...items);
      }
      const changed = await opened.store.heuristics.update(kept[0]!, { strategy: 'changed' });
      await opened.store.outcomes.delete(kept[2]!);
      const store = await opened.reopen();
      expect(await store.heuristics.get(changed)).toEqual(changed);
      expect(await store.outcomes.get(kept[2]!)).toBeNull();
      expect(await store.preferences.get(kept[4]!)).toEqual(kept[4]);
      expect((await store.stats({ projectId: PROJECT })).total).toBe(2 * KINDS.length - 1);
    });

    it('remembers its dimension: reopening with another one fails', async () => {
      const opened = await context.open();
      await opened.store.heuristics.put(sampleInput('heuristic'));
      await opened.store.close();
      const adapter = await opened.instance.reopen!();
      await expectAlmaError(MemoryStore.open(adapter, { dimension: 16 }), 'DIMENSION_MISMATCH');
      const store = await MemoryStore.open(adapter);
      expect(store.dimension).toBe(8);
      await store.close();
    });
  });
}
