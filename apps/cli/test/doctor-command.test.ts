import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAlma } from './support/cli-harness.js';
import { useTempDirectory } from './support/temp-directory.js';

const cwd = useTempDirectory('alma-cli-doctor-');

interface DoctorJson {
  ok: boolean;
  checks: { name: string; status: string; detail: string }[];
}

async function doctor(args: string[] = []): Promise<{ code: number; report: DoctorJson }> {
  const run = await runAlma(['doctor', ...args, '--json'], { cwd: cwd() });
  return { code: run.code, report: JSON.parse(run.out) as DoctorJson };
}

const statusOf = (report: DoctorJson) =>
  Object.fromEntries(report.checks.map((check) => [check.name, check.status]));

describe('alma doctor', () => {
  it('finds the quickstart store healthy, and says what it checked', async () => {
    expect((await runAlma(['quickstart'], { cwd: cwd() })).code).toBe(0);
    const { code, report } = await doctor();
    expect(code).toBe(0);
    expect(statusOf(report)).toEqual({
      connection: 'ok',
      schema: 'ok',
      store: 'ok',
      embedder: 'ok',
      'vector index': 'ok',
      outbox: 'ok',
    });
    expect(report.checks.find((check) => check.name === 'vector index')?.detail).toBe(
      '13 vectors, in step with the rows',
    );
    const text = await runAlma(['doctor'], { cwd: cwd() });
    expect(text.out).toContain('  OK    schema        version 20261130120000_workflow_layer (4 applied)');
  });

  it('exits 3 when the vector index lost its vectors, and when there is no store', async () => {
    expect((await runAlma(['quickstart'], { cwd: cwd() })).code).toBe(0);
    await rm(join(cwd(), '.alma', 'alma.db.vectors'), { recursive: true });
    const broken = await doctor();
    expect(broken.code).toBe(3);
    expect(broken.report.checks.find((check) => check.name === 'vector index')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('heuristic: 0 indexed of 1'),
    });

    const missing = await doctor(['--store', 'sqlite:./none.db']);
    expect(missing.code).toBe(3);
    expect(missing.report.checks).toEqual([
      {
        name: 'connection',
        status: 'fail',
        detail: `no ALMA store at sqlite:${join(cwd(), 'none.db')} [NOT_FOUND]`,
      },
    ]);

    expect((await runAlma(['db', 'migrate', '--store', 'sqlite:./empty.db'], { cwd: cwd() })).code).toBe(0);
    const empty = await doctor(['--store', 'sqlite:./empty.db']);
    expect(empty.code).toBe(3);
    expect(statusOf(empty.report)).toEqual({ connection: 'ok', schema: 'ok', store: 'fail' });
  });
});
