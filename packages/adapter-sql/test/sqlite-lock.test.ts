import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlAdapter } from '@alma/adapter-sql';
import { expectAlmaError } from '@alma/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let directory: string;
let file: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'alma-sqlite-lock-'));
  file = join(directory, 'alma.db');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const open = () => SqlAdapter.open({ dialect: 'sqlite', file });

describe('SQLite store: one process at a time (decision 104)', () => {
  it('refuses a second open in this process with STORE_LOCKED naming the owner, and allows it after close', async () => {
    const first = await open();
    const error = await expectAlmaError(open(), 'STORE_LOCKED');
    expect(error.message).toContain(String(process.pid));
    expect(error.message).toContain(file);
    await first.close();
    await (await open()).close();
  });

  it('refuses an open while another process holds the store', async () => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@alma/source',
        '--import',
        'tsx',
        join(import.meta.dirname, 'fixtures', 'hold-sqlite-open.ts'),
        file,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const error = await expectAlmaError(open(), 'STORE_LOCKED');
    expect(error.message).toContain(String(child.pid));
    child.stdin.end();
    await new Promise((resolve) => child.once('close', resolve));
    await (await open()).close();
  }, 60_000);

  it('takes over a lock left by a dead process, or by a former process with this pid', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.once('close', resolve));
    const stale = (pid: number | undefined) =>
      writeFile(`${file}.lock`, JSON.stringify({ pid, host: hostname(), since: new Date().toISOString() }));
    await stale(dead.pid);
    await (await open()).close();
    await stale(process.pid);
    await (await open()).close();
  });
});
