import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { almaJson, runAlma } from './support/cli-harness.js';
import { useTempDirectory } from './support/temp-directory.js';

const cwd = useTempDirectory('alma-cli-quickstart-');

interface QuickstartJson {
  store: string;
  lessons: string[];
  stats: { counts: Record<string, number>; total: number };
  slice: { memories: { kind: string; text: string }[] };
}

describe('alma quickstart', () => {
  it('learns a heuristic and an anti-pattern in the embedded store and prints the slice for the new task', async () => {
    const run = await runAlma(['quickstart'], { cwd: cwd() });
    expect(run.code, run.err).toBe(0);
    expect(existsSync(join(cwd(), '.alma', 'alma.db'))).toBe(true);
    expect(run.out).toContain(`store: sqlite:${join(cwd(), '.alma', 'alma.db')}`);
    expect(run.out).toContain(
      'heuristic: apply the schema migrations first, then shift traffic to the new release',
    );
    expect(run.out).toContain(
      'anti-pattern: flip the load balancer straight away and patch the schema later',
    );
    const prompt = run.out.slice(run.out.indexOf('## Strategies that worked'));
    // The anti-pattern names the heuristic learnt before it as the better way.
    expect(prompt).toContain("Don't: flip the load balancer straight away");
    expect(prompt).toContain('Instead: apply the schema migrations first');
    expect(prompt).toContain('## User preferences');
    expect(prompt).toContain('production deploys need a database migration review');
    expect(prompt.indexOf('## Avoid')).toBeLessThan(prompt.indexOf('## Domain knowledge'));
  });

  it('gives the same answer on every run: the demo project is reset', async () => {
    const first = await almaJson<QuickstartJson>(['quickstart'], { cwd: cwd() });
    const second = await almaJson<QuickstartJson>(['quickstart'], { cwd: cwd() });
    expect(second.stats).toEqual(first.stats);
    expect(second.stats.counts).toEqual({
      heuristic: 1,
      outcome: 6,
      preference: 2,
      domainKnowledge: 3,
      antiPattern: 1,
      checkpoint: 0,
      workflowOutcome: 0,
      artifactLink: 0,
      archivedMemory: 0,
    });
    expect(second.lessons).toEqual(first.lessons);
    expect(second.slice.memories.map((m) => m.text)).toEqual(first.slice.memories.map((m) => m.text));
  });

  it('runs on any store the URL names', async () => {
    const store = `file:${join(cwd(), 'files')}`;
    const result = await almaJson<QuickstartJson>(['quickstart', '--store', store], { cwd: cwd() });
    expect(result.store).toBe(store);
    expect(result.stats.total).toBe(13);
  });
});
