import { describe, expect, it } from 'vitest';
import { KINDS } from '../../model/kinds.js';
import { PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

export function statsSpec(context: SpecContext): void {
  describe('stats, schema and capabilities', () => {
    it('counts records per kind for a project', async () => {
      const { store } = await context.open();
      for (const [n, kind] of KINDS.entries()) {
        await store.kind(kind).putMany(Array.from({ length: n + 1 }, () => sampleInput(kind)));
      }
      const stats = await store.stats({ projectId: PROJECT });
      expect(stats.counts).toEqual({
        heuristic: 1,
        outcome: 2,
        preference: 3,
        domainKnowledge: 4,
        antiPattern: 5,
        checkpoint: 6,
        workflowOutcome: 7,
        artifactLink: 8,
        archivedMemory: 9,
      });
      expect(stats.total).toBe(45);
    });

    it('reports its schema as fully applied', async () => {
      const { store } = await context.open();
      const schema = await store.schema();
      expect(schema.applied.length).toBeGreaterThan(0);
      expect(schema.pending).toEqual([]);
    });

    it('declares the capabilities its harness claims', async () => {
      const { store } = await context.open();
      expect(store.capabilities).toEqual(context.harness.capabilities);
    });
  });
}
