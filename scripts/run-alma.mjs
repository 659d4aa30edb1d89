// `pnpm alma <args>`: the built CLI (apps/cli/dist/bin.js, the file the `alma` bin installs), built
// first when anything it depends on is missing or stale. Turbo decides by content hash: on a fresh
// clone it builds (a minute or two), afterwards an up-to-date check takes a fraction of a second.
// The CLI then runs in this very process, so signals sent to it and its exit code are the CLI's own.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// A build that has not finished by then is shown as it runs; a quick up-to-date check stays silent.
const QUIET_MS = 1_500;
// The CLI's own code for an unexpected failure (apps/cli/src/exit-codes.ts).
const CRASH = 70;

watchLauncher();
const built = await build();
if (built !== 0) {
  process.stderr.write(
    `alma: building the CLI failed (pnpm exec turbo run build --filter=@alma/cli...), see above\n`,
  );
  process.exit(CRASH);
}
await import(new URL('../apps/cli/dist/bin.js', import.meta.url).href);

/** Runs turbo for the CLI and what it imports; its output goes to stderr, never to the CLI's stdout. */
function build() {
  const turbo = createRequire(import.meta.url).resolve('turbo/bin/turbo');
  const child = spawn(
    process.execPath,
    [turbo, 'run', 'build', '--filter=@alma/cli...', '--output-logs=new-only'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let held = [];
  const show = () => {
    if (held === null) return;
    for (const chunk of held) process.stderr.write(chunk);
    held = null;
  };
  const timer = setTimeout(show, QUIET_MS);
  const collect = (chunk) => (held === null ? process.stderr.write(chunk) : held.push(chunk));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      process.stderr.write(`alma: cannot run turbo: ${error.message}\n`);
      resolve(CRASH);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) show();
      resolve(code ?? CRASH);
    });
  });
}

/**
 * pnpm exits on SIGTERM or SIGINT without passing the signal on to the script it runs, which would
 * leave `pnpm alma serve` running, and holding its port, after pnpm is gone. The root script
 * `exec`s this file, so pnpm is this process's parent: when the parent changes, pnpm has died, and
 * the signal it did not pass on is sent here (the server closes gracefully; other commands stop).
 */
function watchLauncher() {
  const launcher = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === launcher) return;
    clearInterval(watch);
    process.kill(process.pid, 'SIGTERM');
  }, 250);
  watch.unref();
}
