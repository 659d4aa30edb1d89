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

    it('lists the projects holding records, once each, in code-unit order', async () => {
      const { store } = await context.open();
      expect(await store.projects()).toEqual([]);
      const projects = ['z:last@team', 'alpha', 'Gamma_3', 'beta-2'];
      const written = [];
      for (const [n, projectId] of projects.entries()) {
        const kind = KINDS[n % KINDS.length]!;
        written.push(await store.kind(kind).put(sampleInput(kind, { projectId })));
        await store.kind('checkpoint').put(sampleInput('checkpoint', { projectId }));
      }
      expect(await store.projects()).toEqual(['Gamma_3', 'alpha', 'beta-2', 'z:last@team']);
      await store.kind('checkpoint').deleteWhere({ projectId: 'alpha' });
      await store.kind(KINDS[1]!).delete(written[1]!);
      expect(await store.projects()).toEqual(['Gamma_3', 'beta-2', 'z:last@team']);
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
