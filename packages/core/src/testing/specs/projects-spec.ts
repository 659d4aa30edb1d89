import { describe, expect, it } from 'vitest';
import { KINDS } from '../../model/kinds.js';
import { itNeeding } from '../capability-gate.js';
import { sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

/** Ids a collation would order otherwise: case, digits and every punctuation a project id may hold. */
const AWKWARD = ['z:last@team', 'alpha', 'Gamma_3', 'beta-2', 'alpha_2', 'alpha-2', 'alpha.2', 'alpha:2'];
/** The same, in code-unit (byte) order: upper case before lower, `-` `.` `:` `_` by their codes. */
const AWKWARD_IN_ORDER = [
  'Gamma_3',
  'alpha',
  'alpha-2',
  'alpha.2',
  'alpha:2',
  'alpha_2',
  'beta-2',
  'z:last@team',
];

export function projectsSpec(context: SpecContext): void {
  describe('projects', () => {
    it('lists none for an empty store', async () => {
      const { store } = await context.open();
      expect(await store.projects()).toEqual([]);
    });

    it('lists each project holding records once, in code-unit order, whatever kinds hold it', async () => {
      const { store } = await context.open();
      for (const [n, projectId] of AWKWARD.entries()) {
        // Every project in two or three kinds, every kind holding some project.
        for (const kind of [
          KINDS[n % KINDS.length]!,
          KINDS[(n + 4) % KINDS.length]!,
          'checkpoint' as const,
        ]) {
          await store.kind(kind).put(sampleInput(kind, { projectId }));
        }
      }
      expect(await store.projects()).toEqual(AWKWARD_IN_ORDER);
    });

    it('lists a project that only one kind holds, for every kind, until its last record goes', async () => {
      const { store } = await context.open();
      const refs = [];
      for (const kind of KINDS)
        refs.push(await store.kind(kind).put(sampleInput(kind, { projectId: `only.${kind}` })));
      let listed = KINDS.map((kind) => `only.${kind}`).sort();
      expect(await store.projects()).toEqual(listed);
      for (const [n, kind] of KINDS.entries()) {
        expect(await store.kind(kind).delete(refs[n]!)).toBe(true);
        listed = listed.filter((projectId) => projectId !== `only.${kind}`);
        expect(await store.projects()).toEqual(listed);
      }
    });

    it('keeps a project while any record of it remains, and drops it with its last one', async () => {
      const { store } = await context.open();
      const heuristic = await store.heuristics.put(sampleInput('heuristic', { projectId: 'beta-2' }));
      await store.kind('archivedMemory').put(sampleInput('archivedMemory', { projectId: 'beta-2' }));
      await store.outcomes.putMany([
        sampleInput('outcome', { projectId: 'alpha' }),
        sampleInput('outcome', { projectId: 'alpha' }),
      ]);
      expect(await store.projects()).toEqual(['alpha', 'beta-2']);
      await store.heuristics.delete(heuristic);
      expect(await store.projects()).toEqual(['alpha', 'beta-2']);
      expect(await store.kind('archivedMemory').deleteWhere({ projectId: 'beta-2' })).toBe(1);
      expect(await store.projects()).toEqual(['alpha']);
      expect(await store.outcomes.deleteWhere({ projectId: 'alpha' })).toBe(2);
      expect(await store.projects()).toEqual([]);
    });

    itNeeding(context.harness.capabilities, { persistent: true })(
      'lists the same projects after a reopen',
      async () => {
        const opened = await context.open();
        await opened.store.preferences.put(sampleInput('preference', { projectId: 'z:last@team' }));
        await opened.store
          .kind('workflowOutcome')
          .put(sampleInput('workflowOutcome', { projectId: 'Gamma_3' }));
        const doomed = await opened.store.antiPatterns.put(
          sampleInput('antiPattern', { projectId: 'alpha' }),
        );
        await opened.store.antiPatterns.delete(doomed);
        const store = await opened.reopen();
        expect(await store.projects()).toEqual(['Gamma_3', 'z:last@team']);
      },
    );
  });
}
