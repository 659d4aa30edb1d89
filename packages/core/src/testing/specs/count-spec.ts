import { describe, expect, it } from 'vitest';
import { OTHER_PROJECT, PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

export function countSpec(context: SpecContext): void {
  describe('count', () => {
    it('counts what the filter matches within the project', async () => {
      const { store } = await context.open();
      await store.outcomes.putMany([
        sampleInput('outcome', { success: true }),
        sampleInput('outcome', { success: false }),
        sampleInput('outcome', { success: false }),
        sampleInput('outcome', { projectId: OTHER_PROJECT, success: false }),
      ]);
      expect(await store.outcomes.count({ projectId: PROJECT })).toBe(3);
      expect(await store.outcomes.count({ projectId: PROJECT, success: false })).toBe(2);
      expect(await store.outcomes.count({ projectId: 'nobody' })).toBe(0);
    });
  });
}
