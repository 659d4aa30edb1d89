import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { almaJson, runAlma } from './support/cli-harness.js';
import { useTempDirectory } from './support/temp-directory.js';

const cwd = useTempDirectory('alma-cli-transfer-');
const run = (args: string[], stdin?: string) =>
  runAlma(args, { cwd: cwd(), ...(stdin === undefined ? {} : { stdin }) });
const stats = (store: string) =>
  almaJson<{ total: number; counts: Record<string, number> }>(
    ['stats', '--store', store, '--project', 'quickstart'],
    {
      cwd: cwd(),
    },
  );

/** The quickstart's store (13 records) exported: header, 13 record lines, summary. */
let exported: string;
beforeEach(async () => {
  expect((await run(['quickstart'])).code).toBe(0);
  const result = await run(['export', '-o', join(cwd(), 'quickstart.ndjson')]);
  expect(result.code, result.err).toBe(0);
  exported = await readFile(join(cwd(), 'quickstart.ndjson'), 'utf8');
});

describe('alma export and import', () => {
  it('round-trips byte for byte through another backend, through a file and through stdin', async () => {
    expect(exported.split('\n')).toHaveLength(16);
    expect((await run(['export'])).out).toBe(exported);
    const imported = await almaJson<{ total: number }>(
      ['import', 'quickstart.ndjson', '--store', 'file:./copy'],
      {
        cwd: cwd(),
      },
    );
    expect(imported.total).toBe(13);
    expect((await run(['export', '--store', 'file:./copy'])).out).toBe(exported);
    expect((await run(['import', '--store', 'sqlite:./piped.db'], exported)).code).toBe(0);
    expect((await run(['export', '--store', 'sqlite:./piped.db', '--project', 'quickstart'])).out).toBe(
      exported,
    );
  });

  it('refuses a damaged or truncated file with the line number, writing nothing', async () => {
    const lines = exported.split('\n');
    lines[6] = lines[6]!.replace('"success":', '"success":"maybe",');
    await writeFile(join(cwd(), 'damaged.ndjson'), lines.join('\n'));
    const damaged = await run(['import', 'damaged.ndjson', '--store', 'sqlite:./target.db']);
    expect(damaged.code).toBe(1);
    expect(damaged.err).toMatch(/^alma: line 7: .* \[CORRUPT_DATA\]\n$/);

    await writeFile(join(cwd(), 'cut.ndjson'), exported.split('\n').slice(0, 10).join('\n'));
    const cut = await run(['import', 'cut.ndjson', '--store', 'sqlite:./target.db']);
    expect(cut.code).toBe(1);
    expect(cut.err).toBe('alma: line 10: input ends before the summary line: truncated [CORRUPT_DATA]\n');
    // A file is checked whole before anything is written: the target was never even created.
    expect(existsSync(join(cwd(), 'target.db'))).toBe(false);
  });

  it('from stdin, writes the batches before a damaged line and nothing of its batch', async () => {
    const lines = exported.split('\n');
    lines[6] = '{"kind":"outcome","record":';
    const result = await run(
      ['import', '--store', 'sqlite:./target.db', '--batch-size', '2'],
      lines.join('\n'),
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain('line 7: not valid JSON');
    // Line 2 (the heuristic), then the outcomes of lines 3-4 as one batch; lines 5-6 were the bad batch.
    expect(await stats('sqlite:./target.db')).toMatchObject({
      total: 3,
      counts: { heuristic: 1, outcome: 2 },
    });
  });
});

describe('alma copy', () => {
  it('copies, verifies with a table per kind and project, and says so', async () => {
    const result = await run(['copy', '--from', 'sqlite:.alma/alma.db', '--to', 'file:./files']);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^copied 13 records from sqlite:.*alma\.db to file:.*files in /);
    expect(result.out).toMatch(/outcome\s+quickstart\s+6\s+6\s+[0-9a-f]{12}\s+ok/);
    expect(result.out).toContain('verified: counts and content hashes match');
    expect((await run(['export', '--store', 'file:./files'])).out).toBe(exported);
    // Verified, so its checkpoint is gone: the next run of the same copy starts afresh.
    expect(await readdir(join(cwd(), '.alma', 'checkpoints'))).toEqual([]);
  });

  it('--dry-run reports what would move and writes nothing', async () => {
    const plan = await almaJson<{ total: number; targetExists: boolean; rows: unknown[] }>(
      ['copy', '--from', 'sqlite:.alma/alma.db', '--to', 'sqlite:./new.db', '--dry-run'],
      { cwd: cwd() },
    );
    expect(plan).toMatchObject({ total: 13, targetExists: false, problem: null });
    expect(plan.rows).toContainEqual({ kind: 'outcome', projectId: 'quickstart', records: 6, inTarget: 0 });
    expect(existsSync(join(cwd(), 'new.db'))).toBe(false);
  });

  it('re-embeds on request for a target of another dimension, and refuses to mix vectors otherwise', async () => {
    expect((await run(['import', 'quickstart.ndjson', '--store', 'sqlite:./wide.db'])).code).toBe(0);
    const narrow = 'file:./narrow';
    const reembedded = await almaJson<{ reembeddedWith: string; verification: { ok: boolean } }>(
      ['copy', '--from', 'sqlite:./wide.db', '--to', narrow, '--reembed', '--embedder', 'hashing:64'],
      { cwd: cwd() },
    );
    expect(reembedded).toMatchObject({ reembeddedWith: 'hashing-v1:64', verification: { ok: true } });
    const doctor = await almaJson<{ checks: { name: string; detail: string }[] }>(
      ['doctor', '--store', narrow],
      {
        cwd: cwd(),
      },
    );
    expect(doctor.checks).toContainEqual(
      expect.objectContaining({ name: 'store', detail: 'dimension 64, embedder hashing-v1:64' }),
    );

    const mixed = await run(['copy', '--from', 'sqlite:./wide.db', '--to', narrow]);
    expect(mixed.code).toBe(1);
    expect(mixed.err).toContain('[DIMENSION_MISMATCH]');
    const plan = await run(['copy', '--from', 'sqlite:./wide.db', '--to', narrow, '--dry-run']);
    expect(plan.code).toBe(3);
    expect(plan.out).toContain('cannot copy as is: the target has dimension 64, the copy 384: use --reembed');
  });

  it('exits 3 when the target does not verify: it holds records the source lacks', async () => {
    const target = 'sqlite:./target.db';
    expect((await run(['copy', '--from', 'sqlite:.alma/alma.db', '--to', target])).code).toBe(0);
    expect(
      (
        await run([
          'add-knowledge',
          '--store',
          target,
          '--project',
          'quickstart',
          '--agent',
          'x',
          '--domain',
          'd',
          '--fact',
          'extra',
        ])
      ).code,
    ).toBe(0);
    const again = await run(['copy', '--from', 'sqlite:.alma/alma.db', '--to', target]);
    expect(again.code).toBe(3);
    expect(again.out).toMatch(/domainKnowledge\s+quickstart\s+3\s+4\s+[0-9a-f]{12}\s+DIFFERS/);
    // Progress lines come first on stderr (not a terminal here); the error is the last line.
    expect(again.err.endsWith('\nalma: the copy does not verify: see the table above\n')).toBe(true);
  });
});
