import { describe, expect, it } from 'vitest';
import { almaJson, runAlma } from './support/cli-harness.js';
import { useTempDirectory } from './support/temp-directory.js';

const cwd = useTempDirectory('alma-cli-memory-');
const project = ['--project', 'shop'];

function learn(success: boolean, strategy: string) {
  return almaJson<{
    outcome: string;
    heuristic: { action: string } | null;
    antiPattern: { action: string } | null;
  }>(
    [
      'learn',
      ...project,
      '--agent',
      'coder',
      '--task-type',
      'refactor',
      '--task',
      'refactor the billing module',
      '--strategy',
      strategy,
      success ? '--success' : '--failure',
      '--metadata',
      'ticket=42',
    ],
    { cwd: cwd() },
  );
}

describe('memory commands', () => {
  it('learn turns agreeing outcomes into a heuristic that retrieve then hands the agent', async () => {
    const strategy = 'small steps with tests after each';
    expect((await learn(true, strategy)).heuristic).toBeNull();
    expect((await learn(true, strategy)).heuristic).toBeNull();
    expect((await learn(true, strategy)).heuristic).toEqual({ action: 'created', id: expect.any(String) });
    expect((await learn(true, strategy)).heuristic).toMatchObject({ action: 'reinforced' });

    const text = await runAlma(['retrieve', 'refactor the invoices module', ...project, '--agent', 'coder'], {
      cwd: cwd(),
    });
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('## Strategies that worked');
    expect(text.out).toContain(`- When task type: refactor: ${strategy} (confidence 100%, 4/4 succeeded)`);
    const json = await almaJson<{ memories: { kind: string; score: number }[]; prompt: string }>(
      ['retrieve', 'refactor the invoices module', ...project, '--agent', 'coder', '--kind', 'heuristics'],
      { cwd: cwd() },
    );
    expect(json.memories.map((m) => m.kind)).toEqual(['heuristic']);
    expect(json.prompt).toContain(strategy);
  });

  it('adds knowledge and preferences, lists, gets, counts and deletes them', async () => {
    const fact = await almaJson<{ id: string; fact: string }>(
      [
        'add-knowledge',
        ...project,
        '--agent',
        'coder',
        '--domain',
        'billing',
        '--fact',
        'invoices are immutable once sent',
      ],
      { cwd: cwd() },
    );
    const preference = await almaJson<{ id: string; userId: string }>(
      [
        'add-preference',
        ...project,
        '--user',
        'ann',
        '--category',
        'style',
        '--preference',
        'small pull requests',
      ],
      { cwd: cwd() },
    );
    expect(preference.userId).toBe('ann');

    const list = await almaJson<{ items: { id: string }[]; nextCursor: string | null }>(
      ['list', 'knowledge', ...project, '--agent', 'coder'],
      { cwd: cwd() },
    );
    expect(list.items.map((item) => item.id)).toEqual([fact.id]);
    const got = await runAlma(['get', 'knowledge', fact.id, ...project], { cwd: cwd() });
    expect(got.out).toContain('fact: invoices are immutable once sent');
    expect(got.out).toContain('embedding: 384 floats');

    const stats = await almaJson<{ counts: Record<string, number> }>(['stats', ...project], { cwd: cwd() });
    expect(stats.counts).toMatchObject({ domainKnowledge: 1, preference: 1 });
    const retrieved = await runAlma(
      ['retrieve', 'change an invoice', ...project, '--agent', 'coder', '--user', 'ann'],
      {
        cwd: cwd(),
      },
    );
    expect(retrieved.out).toContain('- style: small pull requests');

    expect((await runAlma(['delete', 'knowledge', fact.id, ...project], { cwd: cwd() })).code).toBe(0);
    const again = await runAlma(['delete', 'knowledge', fact.id, ...project], { cwd: cwd() });
    expect(again.code).toBe(1);
    expect(again.err).toBe(`alma: domainKnowledge ${fact.id} not found in project shop [NOT_FOUND]\n`);
  });

  it('forget deletes by policy and says how much', async () => {
    const strategy = 'rename in one commit';
    for (const success of [true, true, true]) await learn(success, strategy);
    expect((await learn(false, strategy)).heuristic).toMatchObject({ action: 'weakened' });
    // Three successes in four: confidence 0.75.
    const keep = await almaJson<{ heuristics: number }>(['forget', ...project, '--heuristics-below', '0.7'], {
      cwd: cwd(),
    });
    expect(keep.heuristics).toBe(0);
    const report = await almaJson<{ heuristics: number; total: number }>(
      ['forget', ...project, '--heuristics-below', '0.8'],
      { cwd: cwd() },
    );
    expect(report).toMatchObject({ heuristics: 1, total: 1 });
    const none = await runAlma(['forget', ...project], { cwd: cwd() });
    expect(none.code).toBe(1);
    expect(none.err).toContain('[VALIDATION]');
  });

  it('exits 2 on usage errors, naming what is wrong', async () => {
    const unknownKind = await runAlma(['list', 'gossip'], { cwd: cwd() });
    expect(unknownKind.code).toBe(2);
    expect(unknownKind.err).toContain(
      'expected one of heuristics, outcomes, preferences, knowledge, anti-patterns',
    );
    const both = await runAlma(
      [
        'learn',
        '--agent',
        'a',
        '--task-type',
        't',
        '--task',
        'x',
        '--strategy',
        's',
        '--success',
        '--failure',
      ],
      { cwd: cwd() },
    );
    expect(both.code).toBe(2);
    expect(both.err).toContain('exactly one of --success and --failure');
    expect((await runAlma(['retrieve', 'task'], { cwd: cwd() })).code).toBe(2);
    expect((await runAlma(['frobnicate'], { cwd: cwd() })).code).toBe(2);
    // Reading commands never create a store; with --json the error is JSON too.
    const json = await runAlma(['get', 'heuristics', 'not-a-uuid', '--json'], { cwd: cwd() });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.err)).toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('no ALMA store') },
    });
  });
});
