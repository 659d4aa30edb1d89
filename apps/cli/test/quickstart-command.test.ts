import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/program.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'alma-cli-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function run(args: string[]): Promise<string> {
  let output = '';
  await buildProgram((text) => {
    output += text;
  }).parseAsync(['node', 'alma', ...args]);
  return output;
}

describe('alma quickstart', () => {
  it('stores outcomes and knowledge, then prints the most relevant ones for the new task', async () => {
    const output = await run(['quickstart', '--dir', directory]);
    expect(output).toContain('stored 4 outcomes and 3 facts');
    const outcomes = output.slice(
      output.indexOf('relevant past outcomes'),
      output.indexOf('relevant knowledge'),
    );
    expect(outcomes).toContain('deploy the api service to production');
    expect(outcomes).not.toContain('roll back');
    expect(output).toContain('production deploys need a database migration review');
  });

  it('gives the same answer on every run (the demo project is reset)', async () => {
    const first = JSON.parse(await run(['quickstart', '--dir', directory, '--json']));
    const second = JSON.parse(await run(['quickstart', '--dir', directory, '--json']));
    expect(second.stats).toEqual(first.stats);
    expect(second.stats.total).toBe(7);
    expect(second.outcomes.map((hit: { score: number }) => hit.score)).toEqual(
      first.outcomes.map((hit: { score: number }) => hit.score),
    );
  });
});
