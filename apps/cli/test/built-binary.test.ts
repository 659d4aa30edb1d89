import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runBuilt } from './support/spawn-built-alma.js';
import { useTempDirectory } from './support/temp-directory.js';

const cwd = useTempDirectory('alma-cli-bin-');
const alma = (args: string[]) => runBuilt(args, { cwd: cwd() });

describe('the built alma binary', () => {
  beforeAll(assertBuilt);

  it('documents every command and the exit codes in --help', async () => {
    const help = await alma(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'quickstart',
      'learn',
      'retrieve',
      'add-knowledge',
      'add-preference',
      'list',
      'get',
      'delete',
      'forget',
      'stats',
      'export',
      'import',
      'copy',
      'db',
      'doctor',
      'serve',
      'keys',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(help.stdout).toContain(
      '  3    a check failed (copy verification, doctor, db status: migrations pending, failed or changed)',
    );
    const copy = await alma(['copy', '--help']);
    expect(copy.stdout).toContain('--dry-run');
    expect(copy.stdout).toContain('Exit codes:');
    const unknown = await alma(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  it('runs the quickstart on a fresh directory, then serves the memory it learnt', async () => {
    const quickstart = await alma(['quickstart']);
    expect(quickstart.code, quickstart.stderr).toBe(0);
    expect(quickstart.stdout).toContain('heuristic: apply the schema migrations first');
    expect(quickstart.stderr).toBe('');
    const slice = await alma([
      'retrieve',
      'deploy the billing service',
      '--agent',
      'deploy-bot',
      '--project',
      'quickstart',
      '--json',
    ]);
    expect(JSON.parse(slice.stdout).memories.length).toBeGreaterThan(0);
  });

  it('reports typed errors with their code and no stack trace (exit 1)', async () => {
    const missing = await alma([
      'get',
      'heuristics',
      '0190d6a0-0000-7000-8000-000000000000',
      '--store',
      'sqlite:./none.db',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`alma: no ALMA store at sqlite:${join(cwd(), 'none.db')} [NOT_FOUND]\n`);
    await writeFile(
      join(cwd(), 'cut.ndjson'),
      '{"format":"alma-export","version":1,"dimension":4,"embedder":null}\n',
    );
    const cut = await alma(['import', 'cut.ndjson', '--store', 'file:./target']);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toBe('alma: line 1: input ends before the summary line: truncated [CORRUPT_DATA]\n');
  });

  it('copies between backends with no progress output when stderr is not a terminal', async () => {
    expect((await alma(['quickstart'])).code).toBe(0);
    const copy = await alma(['copy', '--from', 'sqlite:.alma/alma.db', '--to', 'file:./copy', '--json']);
    expect(copy.code, copy.stderr).toBe(0);
    expect(copy.stderr).toBe('');
    expect(JSON.parse(copy.stdout)).toMatchObject({ total: 13, verification: { ok: true } });
    const [before, after] = await Promise.all([alma(['export']), alma(['export', '--store', 'file:./copy'])]);
    expect(after.stdout).toBe(before.stdout);
  });
});
