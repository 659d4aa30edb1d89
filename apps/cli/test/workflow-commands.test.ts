import { describe, expect, it } from 'vitest';
import { almaJson, runAlma } from './support/cli-harness.js';
import { useTempDirectory } from './support/temp-directory.js';

const cwd = useTempDirectory('alma-cli-workflow-');
const project = ['--project', 'shop'];

describe('workflow commands', () => {
  it('checkpoint save, resume, list and cleanup a run', async () => {
    const save = (node: string, state: object, extra: string[] = []) =>
      almaJson<{ skipped: boolean; checkpoint: { id: string; sequenceNumber: number } }>(
        [
          'checkpoint',
          'save',
          ...project,
          '--run',
          'run-1',
          '--node',
          node,
          '--state',
          JSON.stringify(state),
          ...extra,
        ],
        { cwd: cwd() },
      );
    const first = await save('plan', { step: 1 });
    expect(first).toMatchObject({ skipped: false, checkpoint: { sequenceNumber: 1 } });
    expect(await save('plan', { step: 1 })).toMatchObject({
      skipped: true,
      checkpoint: { id: first.checkpoint.id },
    });
    expect(await save('plan', { step: 1 }, ['--always'])).toMatchObject({
      skipped: false,
      checkpoint: { sequenceNumber: 2 },
    });
    await save('build', { step: 2 }, ['--branch', 'b1']);

    const resumed = await runAlma(['checkpoint', 'resume', ...project, '--run', 'run-1'], { cwd: cwd() });
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.out).toContain('run run-1 #3 node build branch b1');
    expect(resumed.out).toContain('"step": 2');
    const listed = await almaJson<{ items: { sequenceNumber: number }[] }>(
      ['checkpoint', 'list', ...project, '--run', 'run-1'],
      { cwd: cwd() },
    );
    expect(listed.items.map((item) => item.sequenceNumber)).toEqual([1, 2, 3]);
    expect(
      await almaJson(['checkpoint', 'cleanup', ...project, '--run', 'run-1', '--keep', '1'], { cwd: cwd() }),
    ).toEqual({ deleted: 2, kept: 1 });
    const bad = await runAlma(
      ['checkpoint', 'save', ...project, '--run', 'r', '--node', 'n', '--state', '[1]'],
      {
        cwd: cwd(),
      },
    );
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('expected a JSON object');
  });

  it('consolidate --dry-run previews, consolidate merges, archive list and restore bring one back', async () => {
    for (const fact of ['refunds take five business days', 'refunds take five business days.']) {
      const added = await runAlma(
        [
          'add-knowledge',
          ...project,
          '--agent',
          'coder',
          '--domain',
          'billing',
          '--fact',
          fact,
          '--source',
          'docs',
        ],
        { cwd: cwd() },
      );
      expect(added.code, added.err).toBe(0);
    }
    const consolidate = (extra: string[]) =>
      almaJson<{ dryRun: boolean; mergedCount: number; groups: { keptId: string; mergedIds: string[] }[] }>(
        [
          'consolidate',
          ...project,
          '--agent',
          'coder',
          '--kind',
          'knowledge',
          '--threshold',
          '0.9',
          ...extra,
        ],
        { cwd: cwd() },
      );
    const preview = await consolidate(['--dry-run']);
    expect(preview).toMatchObject({ dryRun: true, mergedCount: 1 });
    const text = await runAlma(
      ['consolidate', ...project, '--agent', 'coder', '--kind', 'knowledge', '--dry-run'],
      {
        cwd: cwd(),
      },
    );
    expect(text.out).toContain('would merge 1 of 2 domainKnowledge memories in 1 groups');
    const merged = await consolidate([]);
    expect(merged).toMatchObject({ dryRun: false, mergedCount: 1 });
    const archive = await almaJson<{ items: { id: string; originalId: string }[] }>(
      ['archive', 'list', ...project],
      {
        cwd: cwd(),
      },
    );
    expect(archive.items.map((entry) => entry.originalId)).toEqual(preview.groups[0]!.mergedIds);
    const restored = await almaJson<{ restored: string }>(
      ['archive', 'restore', archive.items[0]!.id, ...project],
      {
        cwd: cwd(),
      },
    );
    expect(restored.restored).toBe(preview.groups[0]!.mergedIds[0]);
    expect(
      (await almaJson<{ items: unknown[] }>(['archive', 'list', ...project], { cwd: cwd() })).items,
    ).toEqual([]);
  });
});
