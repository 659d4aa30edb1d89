import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeExportFile } from './support/export-file.js';
import { assertBuilt, BIN, runBuilt } from './support/spawn-built-alma.js';
import { useTempDirectory } from './support/temp-directory.js';

const cwd = useTempDirectory('alma-cli-output-');
const alma = (args: string[], env?: Record<string, string>) =>
  runBuilt(args, { cwd: cwd(), ...(env ? { env } : {}) });

describe('the built alma binary, on its output streams', () => {
  beforeAll(assertBuilt);

  it('shows progress on a pipe as plain lines, without cursor escapes', async () => {
    await writeExportFile(join(cwd(), 'bulk.ndjson'), 300);
    for (const env of [{}, { TERM: 'dumb' }]) {
      const run = await alma(['import', 'bulk.ndjson', '--store', 'file:./bulk'], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/^checking {2}300 records in \d+\.\d s, [\d,]+ records\/s$/m);
      expect(run.stderr).toMatch(/^importing 300 records in \d+\.\d s, [\d,]+ records\/s$/m);
      // No cursor movement and no erasing: an escape (ESC) or a carriage return would show as garbage.
      expect(run.stderr).not.toContain('\u001b');
      expect(run.stderr).not.toContain('\r');
    }
    const json = await alma(['import', 'bulk.ndjson', '--store', 'file:./bulk', '--json']);
    expect(json.stderr).toBe('');
  });

  it('ends quietly with exit 0 when the reader stops early (alma export | head -c 100)', async () => {
    await writeExportFile(join(cwd(), 'bulk.ndjson'), 300);
    expect((await alma(['import', 'bulk.ndjson', '--store', 'file:./bulk', '--json'])).code).toBe(0);
    const child = spawn(process.execPath, [BIN, 'export', '--store', 'file:./bulk'], {
      cwd: cwd(),
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = once(child, 'exit');
    // Like head -c 100: read the first bytes, then close the pipe while the export still writes
    // (300 records are about 700 kB, far more than a pipe holds).
    const [first] = (await once(child.stdout, 'data')) as [Buffer];
    expect(first.toString()).toMatch(/^\{"format":"alma-export"/);
    child.stdout.destroy();
    const [code] = await exited;
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('prints usage errors as JSON with --json, with the usage exit code', async () => {
    const cases: [string[], string][] = [
      [['export', '--frobnicate', '--json'], "unknown option '--frobnicate'"],
      [['get', 'heuristics', '--json'], "missing required argument 'id'"],
      [
        ['list', 'heuristics', '--limit', 'many', '--json'],
        "option '--limit <n>' argument 'many' is invalid",
      ],
      [['frobnicate', '--json'], "unknown command 'frobnicate'"],
    ];
    for (const [args, message] of cases) {
      const run = await alma(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      const error = JSON.parse(run.stderr) as { error: { code: string; message: string } };
      expect(error.error.code).toBe('USAGE');
      expect(error.error.message).toContain(message);
    }
    const text = await alma(['list', 'heuristics', '--limit', 'many']);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain("error: option '--limit <n>' argument 'many' is invalid");
  });
});
