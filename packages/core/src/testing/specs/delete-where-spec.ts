import { describe, expect, it } from 'vitest';
import { OTHER_PROJECT, PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

const DAY = 86_400_000;

export function deleteWhereSpec(context: SpecContext): void {
  describe('deleteWhere', () => {
    it('deletes outcomes older than a cutoff and counts them (PC-1)', async () => {
      const { store, clock } = await context.open();
      const now = clock.now().getTime();
      const ages = [1, 5, 29, 31, 60, 365];
      await store.outcomes.putMany(
        ages.map((age) =>
          sampleInput('outcome', {
            timestamp: new Date(now - age * DAY),
            embedding: [age, 1, 0, 0, 0, 0, 0, 0],
          }),
        ),
      );
      await store.outcomes.put(
        sampleInput('outcome', { projectId: OTHER_PROJECT, timestamp: new Date(now - 400 * DAY) }),
      );
      const cutoff = new Date(now - 30 * DAY);
      expect(await store.outcomes.deleteWhere({ projectId: PROJECT, timestamp: { lt: cutoff } })).toBe(3);
      const left = await store.outcomes.find({
        where: { projectId: PROJECT },
        orderBy: { field: 'timestamp' },
      });
      expect(left.items.map((o) => Math.round((now - o.timestamp.getTime()) / DAY))).toEqual([29, 5, 1]);
      const hits = await store.outcomes.search({
        where: { projectId: PROJECT },
        vector: [1, 0, 0, 0, 0, 0, 0, 0],
        k: 10,
      });
      expect(hits).toHaveLength(3);
      expect(await store.outcomes.count({ projectId: OTHER_PROJECT })).toBe(1);
    });

    it('deletes heuristics below a confidence (PC-2)', async () => {
      const { store } = await context.open();
      await store.heuristics.putMany(
        [0, 0.1, 0.29, 0.3, 0.8, 1].map((confidence) => sampleInput('heuristic', { confidence })),
      );
      expect(await store.heuristics.deleteWhere({ projectId: PROJECT, confidence: { lt: 0.3 } })).toBe(3);
      const left = await store.heuristics.find({
        where: { projectId: PROJECT },
        orderBy: { field: 'confidence' },
      });
      expect(left.items.map((h) => h.confidence)).toEqual([0.3, 0.8, 1]);
    });

    it('deletes nothing when nothing matches', async () => {
      const { store } = await context.open();
      await store.heuristics.put(sampleInput('heuristic', { agent: 'keep' }));
      expect(await store.heuristics.deleteWhere({ projectId: PROJECT, agent: 'other' })).toBe(0);
      expect(await store.heuristics.count({ projectId: PROJECT })).toBe(1);
    });
  });
}
