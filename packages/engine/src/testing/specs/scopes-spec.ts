import { expectAlmaError } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import { allOf, learnPattern, STRATEGIES } from '../engine-fixtures.js';
import type { EngineSpecContext } from '../engine-spec-context.js';

const outcome = (agent: string, taskType: string) => ({
  agent,
  taskType,
  taskDescription: `${taskType} the billing module`,
  success: true,
  strategyUsed: STRATEGIES.smallSteps[0],
});

export function scopesSpec(context: EngineSpecContext): void {
  describe('agent scopes', () => {
    it('refuse agents the configuration does not declare, on every operation', async () => {
      const { alma } = await context.open();
      await expectAlmaError(alma.learn(outcome('intruder', 'refactor')), 'SCOPE_VIOLATION');
      await expectAlmaError(alma.retrieve('refactor', 'intruder'), 'SCOPE_VIOLATION');
      await expectAlmaError(
        alma.addKnowledge({ agent: 'intruder', domain: 'billing', fact: 'x', source: 'docs' }),
        'SCOPE_VIOLATION',
      );
      await expectAlmaError(alma.stats({ agent: 'intruder' }), 'SCOPE_VIOLATION');
      await expectAlmaError(alma.forget({ agent: 'intruder', outcomesOlderThanDays: 1 }), 'SCOPE_VIOLATION');
      await expectAlmaError(alma.decayConfidence({ agent: 'intruder' }), 'SCOPE_VIOLATION');
      expect((await alma.stats()).total).toBe(0);
    });

    it('canLearn limits what an agent learns, and a refused outcome writes nothing', async () => {
      const { alma } = await context.open({
        config: { agents: { coder: { canLearn: ['refactor'] } } },
      });
      await alma.learn(outcome('coder', 'refactor'));
      const error = await expectAlmaError(alma.learn(outcome('coder', 'deploy')), 'SCOPE_VIOLATION');
      expect(error.details).toMatchObject({ agent: 'coder', topic: 'deploy', rule: 'canLearn' });
      await expectAlmaError(
        alma.addKnowledge({ agent: 'coder', domain: 'deploy', fact: 'x', source: 'docs' }),
        'SCOPE_VIOLATION',
      );
      expect((await alma.stats()).counts).toMatchObject({ outcome: 1, domainKnowledge: 0 });
    });

    it('cannotLearn wins over canLearn', async () => {
      const { alma } = await context.open({
        config: { agents: { coder: { canLearn: ['refactor', 'deploy'], cannotLearn: ['deploy'] } } },
      });
      const error = await expectAlmaError(alma.learn(outcome('coder', 'deploy')), 'SCOPE_VIOLATION');
      expect(error.details).toMatchObject({ rule: 'cannotLearn' });
      await alma.learn(outcome('coder', 'refactor'));
    });

    it('an agent without canLearn learns anything but cannotLearn; canLearn [] learns nothing', async () => {
      const { alma } = await context.open({
        config: { agents: { coder: { cannotLearn: ['deploy'] }, auditor: { canLearn: [] } } },
      });
      await alma.learn(outcome('coder', 'anything-at-all'));
      await expectAlmaError(alma.learn(outcome('coder', 'deploy')), 'SCOPE_VIOLATION');
      await expectAlmaError(alma.learn(outcome('auditor', 'refactor')), 'SCOPE_VIOLATION');
      expect((await alma.retrieve('refactor', 'auditor')).outcomes).toEqual([]);
    });

    it('inheritFrom adds the other agent’s memories to reads, marked as shared; nobody else’s', async () => {
      const { alma } = await context.open();
      await learnPattern(alma, outcome('coder', 'refactor'), STRATEGIES.smallSteps, 'SSS');
      await alma.addKnowledge({
        agent: 'reviewer',
        domain: 'billing',
        fact: 'billing reviews need two people',
        source: 'docs',
      });
      await alma.addKnowledge({
        agent: 'ops',
        domain: 'billing',
        fact: 'billing runs on two servers',
        source: 'docs',
      });
      const reviewer = await alma.retrieve('refactor the billing module', 'reviewer');
      expect(reviewer.heuristics.map((m) => [m.record.agent, m.shared])).toEqual([['coder', true]]);
      expect(reviewer.outcomes.every((m) => m.record.agent === 'coder' && m.shared)).toBe(true);
      expect(reviewer.domainKnowledge.map((m) => [m.record.agent, m.shared])).toEqual([['reviewer', false]]);
      const coder = await alma.retrieve('refactor the billing module', 'coder');
      expect(coder.domainKnowledge).toEqual([]);
      expect(coder.heuristics.map((m) => m.shared)).toEqual([false]);
      expect((await alma.stats({ agent: 'reviewer' })).counts).toMatchObject({
        heuristic: 1,
        outcome: 3,
        domainKnowledge: 1,
      });
      expect((await alma.stats({ agent: 'coder' })).counts).toMatchObject({
        heuristic: 1,
        outcome: 3,
        domainKnowledge: 0,
      });
    });

    it('shareWith decides who may read: inheriting without it is refused, naming an agent needs it', async () => {
      await expectAlmaError(
        context.open({ config: { agents: { a: { inheritFrom: ['b'] }, b: {} } } }),
        'VALIDATION',
      );
      const { alma } = await context.open({
        config: { agents: { coder: { shareWith: ['ops'] }, reviewer: {}, ops: {} } },
      });
      await alma.addKnowledge({
        agent: 'coder',
        domain: 'billing',
        fact: 'billing is in cents',
        source: 'docs',
      });
      await alma.addKnowledge({
        agent: 'reviewer',
        domain: 'billing',
        fact: 'billing needs reviews',
        source: 'docs',
      });
      expect((await alma.retrieve('billing', 'ops')).domainKnowledge).toEqual([]);
      const named = await alma.retrieve('billing', 'ops', { filter: { agents: ['coder'] } });
      expect(named.domainKnowledge.map((m) => [m.record.agent, m.shared])).toEqual([['coder', true]]);
      const error = await expectAlmaError(
        alma.retrieve('billing', 'ops', { filter: { agents: ['reviewer'] } }),
        'SCOPE_VIOLATION',
      );
      expect(error.details).toMatchObject({ reader: 'ops', owner: 'reviewer', rule: 'shareWith' });
      await expectAlmaError(
        alma.retrieve('billing', 'coder', { filter: { agents: ['ops'] } }),
        'SCOPE_VIOLATION',
      );
    });

    it("learning writes only the learning agent's lessons", async () => {
      const { alma } = await context.open();
      await learnPattern(alma, outcome('reviewer', 'refactor'), STRATEGIES.smallSteps, 'SSS');
      await learnPattern(alma, outcome('coder', 'refactor'), STRATEGIES.smallSteps, 'SSS');
      const heuristics = await allOf(alma, 'heuristic');
      expect(heuristics.map((h) => [h.agent, h.occurrenceCount]).sort()).toEqual([
        ['coder', 3],
        ['reviewer', 3],
      ]);
    });

    it('preferences are read only for the user they belong to', async () => {
      const { alma } = await context.open();
      await alma.addPreference({
        userId: 'user-1',
        category: 'style',
        preference: 'short answers',
        source: 'explicit',
      });
      await alma.addPreference({
        userId: 'user-2',
        category: 'style',
        preference: 'long answers',
        source: 'explicit',
      });
      const slice = await alma.retrieve('answer style', 'coder', { userId: 'user-1' });
      expect(slice.preferences.map((m) => m.record.preference)).toEqual(['short answers']);
      expect((await alma.retrieve('answer style', 'coder')).preferences).toEqual([]);
    });
  });
}
