import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAdapter } from '@alma/adapter-file';
import { expectAlmaError } from '@alma/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'alma-file-lock-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('file store: one process at a time', () => {
  it('refuses a second open while the first is open, and allows it after close', async () => {
    const first = await FileAdapter.open({ directory });
    const error = await expectAlmaError(FileAdapter.open({ directory }), 'STORE_LOCKED');
    expect(error.message).toContain(String(process.pid));
    await first.close();
    await (await FileAdapter.open({ directory })).close();
  });

  it('refuses an open while another process holds the store', async () => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@alma/source',
        '--import',
        'tsx',
        join(import.meta.dirname, 'fixtures', 'hold-open.ts'),
        directory,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await expectAlmaError(FileAdapter.open({ directory }), 'STORE_LOCKED');
    child.stdin.end();
    await new Promise((resolve) => child.once('close', resolve));
    await (await FileAdapter.open({ directory })).close();
  });

  it('takes over a lock left by a process that died', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid;
    await new Promise((resolve) => dead.once('close', resolve));
    await writeFile(
      join(directory, 'LOCK'),
      JSON.stringify({ pid, host: hostname(), since: new Date().toISOString() }),
    );
    await (await FileAdapter.open({ directory })).close();
  });

  it('takes over a lock naming this very process when this process does not hold it (a restarted container)', async () => {
    await writeFile(
      join(directory, 'LOCK'),
      JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }),
    );
    const adapter = await FileAdapter.open({ directory });
    await expectAlmaError(FileAdapter.open({ directory }), 'STORE_LOCKED');
    await adapter.close();
  });

  it('rejects bad configuration', async () => {
    await expectAlmaError(FileAdapter.open({ directory: '' }), 'VALIDATION');
    await expectAlmaError(FileAdapter.open({ directory, durability: 'sometimes' as never }), 'VALIDATION');
    await expectAlmaError(FileAdapter.open({ directory, compactAfterGarbage: -1 }), 'VALIDATION');
  });

  it('fails with STORAGE, not a raw fs error, when the directory cannot be created', async () => {
    await writeFile(join(directory, 'plain-file'), 'x');
    await expectAlmaError(FileAdapter.open({ directory: join(directory, 'plain-file', 'store') }), 'STORAGE');
  });
});
