import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runBuilt } from './support/spawn-built-alma.js';
import { useTempDirectory } from './support/temp-directory.js';

const cwd = useTempDirectory('alma-cli-startup-');

/** Node's module hooks, given as data URLs: every module the command resolves is appended to `log`. */
function moduleLogArgs(log: string): string[] {
  const hooks = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
  return resolved;
}`;
  const register = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  return ['--import', `data:text/javascript,${encodeURIComponent(register)}`];
}

/** Runs the built `alma` and returns the modules it loaded (their resolved URLs). */
async function modulesLoadedBy(args: string[]): Promise<string[]> {
  const log = join(cwd(), `modules-${args[0]}.log`);
  const run = await runBuilt(args, { cwd: cwd(), nodeArgs: moduleLogArgs(log) });
  expect(run.code, run.stderr).toBe(0);
  return (await readFile(log, 'utf8')).trim().split('\n');
}

/** What costs a start-up its time: web server, MCP SDK, database drivers, vector engine, cloud SDK. */
const HEAVY = [
  'fastify',
  '@modelcontextprotocol/sdk',
  '@prisma/',
  '@lancedb/',
  'apache-arrow',
  '@azure/cosmos',
  '/pg/',
  'better-sqlite3',
  '@alma/server',
  '/packages/server/',
];

function heavyIn(modules: readonly string[], names: readonly string[]): string[] {
  // pnpm's store path spells a scope as @scope+name; the workspace packages appear by folder.
  const paths = modules.map((url) => url.replaceAll('+', '/'));
  return names.filter((name) => paths.some((url) => url.includes(name)));
}

describe('the built alma binary, starting', () => {
  beforeAll(assertBuilt);

  it('answers --version and --help without loading a backend, the server or the MCP SDK', async () => {
    for (const args of [['--version'], ['--help']]) {
      expect(heavyIn(await modulesLoadedBy(args), HEAVY)).toEqual([]);
    }
  });

  it('loads only the backend it opens for stats', async () => {
    expect((await runBuilt(['quickstart', '--store', 'sqlite:./small.db'], { cwd: cwd() })).code).toBe(0);
    const modules = await modulesLoadedBy(['stats', '--store', 'sqlite:./small.db']);
    const paths = modules.map((url) => url.replaceAll('+', '/'));
    expect(paths.some((url) => url.includes('/packages/adapter-sql/'))).toBe(true);
    expect(
      heavyIn(modules, [
        'fastify',
        '@modelcontextprotocol/sdk',
        '@azure/cosmos',
        '/packages/adapter-cosmos/',
        '/packages/adapter-file/',
        '/packages/server/',
      ]),
    ).toEqual([]);
  });
});
