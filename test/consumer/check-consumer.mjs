// The consumer end-to-end check: what a user gets from `npm install` of our tarballs.
// Packs every published package, installs the tarballs with npm into a plain project outside the
// workspace (no pnpm, no workspace links, no `@alma/source` condition), type-checks the README's
// and docs' TypeScript snippets there under the project's strict flags with `nodenext`, runs a
// small app against SQLite, PostgreSQL and the file store, checks that an app's own prisma/ folder
// is left alone, and runs the installed `alma` binary. Prints a line per step; exits 1 on failure.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractSnippets } from './doc-snippets.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'alma-consumer-'));
const project = join(work, 'app');
const keep = process.env.ALMA_KEEP_CONSUMER === '1';
const started = Date.now();

function step(message) {
  console.log(`consumer: ${message} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

function fail(message) {
  throw new Error(message);
}

function publishedPackages() {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group))
      .map((name) => join(root, group, name))
      .filter((dir) => existsSync(join(dir, 'package.json')))
      .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
      .filter(({ manifest }) => !manifest.private),
  );
}

function pack(packages, destination) {
  mkdirSync(destination);
  return Object.fromEntries(
    packages.map(({ dir, manifest }) => {
      run('pnpm', ['pack', '--pack-destination', destination], { cwd: dir });
      const tarball = `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`;
      if (!existsSync(join(destination, tarball))) fail(`pnpm pack did not write ${tarball}`);
      return [manifest.name, `file:${join(destination, tarball)}`];
    }),
  );
}

function writeProject(packages, tarballs) {
  cpSync(join(root, 'test/consumer/app'), project, { recursive: true });
  cpSync(join(root, 'tsconfig.base.json'), join(project, 'tsconfig.base.json'));
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const manifest = {
    name: 'alma-consumer',
    private: true,
    type: 'module',
    dependencies: tarballs,
    devDependencies: {
      typescript: rootManifest.devDependencies.typescript,
      '@types/node': rootManifest.devDependencies['@types/node'],
    },
    // Every @alma/* dependency of a tarball resolves to its tarball, never to the registry.
    overrides: Object.fromEntries(Object.keys(tarballs).map((name) => [name, `$${name}`])),
  };
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const snippets = extractSnippets(root, ['README.md', ...docs(packages)]);
  mkdirSync(join(project, 'snippets'));
  for (const snippet of snippets) writeFileSync(join(project, 'snippets', snippet.file), snippet.code);
  return snippets;
}

/** Every document a user reads code from: docs/*.md and each published package's README. */
function docs(packages) {
  const guides = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  const readmes = packages
    .map(({ dir }) => join(dir, 'README.md'))
    .filter((file) => existsSync(file))
    .map((file) => file.slice(root.length));
  return [...guides, ...readmes];
}

// better-sqlite3 builds with node-gyp on install; offline, it needs the headers beside this Node
// (decision 009). A user with network access gets a prebuilt binary instead.
function installEnv() {
  const prefix = resolve(dirname(process.execPath), '..');
  const headers = existsSync(join(prefix, 'include/node/node_version.h'));
  return {
    ...process.env,
    ...(headers && !process.env.npm_config_nodedir ? { npm_config_nodedir: prefix } : {}),
  };
}

function folderHash(directory) {
  const hash = createHash('sha256');
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true }).sort((a, b) =>
    join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)),
  )) {
    const path = join(entry.parentPath, entry.name);
    hash.update(path.slice(directory.length));
    if (entry.isFile()) hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

function runJson(script, args) {
  const output = run(process.execPath, [join(project, 'dist', script), ...args], { cwd: project }).trim();
  return JSON.parse(output.split('\n').at(-1));
}

function checkBackend(backend) {
  const directory = mkdtempSync(join(work, `${backend}-`));
  const result = runJson('backend-smoke.js', [backend, directory]);
  const ok =
    result.searchTop === true &&
    result.outcomes === 3 &&
    result.sliceHeuristics.includes('run the unit tests after each small change');
  if (!ok) fail(`${backend}: unexpected result ${JSON.stringify(result)}`);
  step(`${backend}: open, put, search, learn, retrieve, close`);
}

function checkOwnPrismaFolder() {
  const appPrisma = join(project, 'prisma');
  const before = folderHash(appPrisma);
  const result = runJson('own-prisma-folder.js', []);
  const shipped = join(project, 'node_modules/@alma/adapter-sql/prisma/sqlite/migrations');
  const almaMigrations = readdirSync(shipped, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  if (JSON.stringify(result.applied) !== JSON.stringify(almaMigrations) || result.unknown.length > 0) {
    fail(
      `ALMA applied ${JSON.stringify(result.applied)}, expected its own ${JSON.stringify(almaMigrations)}`,
    );
  }
  if (!result.stored) fail('the store in an app with its own prisma/ folder did not write');
  if (folderHash(appPrisma) !== before) fail("the app's prisma/ folder changed");
  step(
    `an app's own prisma/sqlite/migrations is left alone; ALMA applied ${almaMigrations.length} of its own`,
  );
}

function checkInstalledCli() {
  const alma = join(project, 'node_modules/.bin/alma');
  const version = run(alma, ['--version'], { cwd: project }).trim();
  const { version: expected } = JSON.parse(readFileSync(join(root, 'apps/cli/package.json'), 'utf8'));
  if (version !== expected) fail(`alma --version printed ${version}, expected ${expected}`);
  const quickstart = run(alma, ['quickstart'], { cwd: project });
  if (!quickstart.includes('apply the schema migrations first'))
    fail(`alma quickstart printed:\n${quickstart}`);
  step(`the installed alma binary: --version ${version}, quickstart prints the slice`);
}

try {
  run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root });
  const packages = publishedPackages();
  const tarballs = pack(packages, join(work, 'packs'));
  step(`packed ${packages.length} packages`);
  const snippets = writeProject(packages, tarballs);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, env: installEnv() });
  step('npm installed the tarballs into a plain project outside the workspace');
  run(join(project, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: project });
  step(`${snippets.length} doc snippets and the app type-check under strict nodenext`);
  for (const backend of ['sqlite', 'postgres', 'file']) checkBackend(backend);
  checkOwnPrismaFolder();
  checkInstalledCli();
  run(process.execPath, [join(project, 'dist/snippets/readme-1.js')], { cwd: project });
  step("the README's example runs");
  step('all checks passed');
} catch (error) {
  console.error(`consumer: FAILED: ${error.message}`);
  if (error.stdout) console.error(error.stdout);
  if (error.stderr) console.error(error.stderr);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`consumer: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
