import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../ids/uuid-v7.js';
import { expectAlmaError } from '../expect-error.js';
import { OTHER_PROJECT, PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

export function getSpec(context: SpecContext): void {
  describe('get (point read by {projectId, id}, DC-11)', () => {
    it('returns null for an unknown id', async () => {
      const { store } = await context.open();
      expect(await store.heuristics.get({ projectId: PROJECT, id: uuidv7() })).toBeNull();
    });

    it('does not find a record through another project', async () => {
      const { store } = await context.open();
      const saved = await store.heuristics.put(sampleInput('heuristic'));
      expect(await store.heuristics.get({ projectId: OTHER_PROJECT, id: saved.id })).toBeNull();
    });

    it('accepts an id in upper case as the same id', async () => {
      const { store } = await context.open();
      const saved = await store.heuristics.put(sampleInput('heuristic'));
      expect(await store.heuristics.get({ projectId: PROJECT, id: saved.id.toUpperCase() })).toEqual(saved);
    });

    it('rejects refs that are not a project and a UUID', async () => {
      const { store } = await context.open();
      await expectAlmaError(store.heuristics.get({ projectId: PROJECT, id: 'not-a-uuid' }), 'VALIDATION');
      await expectAlmaError(store.heuristics.get({ projectId: '', id: uuidv7() }), 'VALIDATION');
      await expectAlmaError(store.heuristics.get({ projectId: "a' OR '1'='1", id: uuidv7() }), 'VALIDATION');
    });
  });
}
