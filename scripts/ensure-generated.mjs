// Generates the Prisma clients when they are missing (a fresh clone, a cleaned tree), so that
// `pnpm alma` and `pnpm bench` work without a build step, and refreshes the prisma/ folder that
// @alma/adapter-sql ships (milliseconds), so that its migrations never lag the repository's.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const clients = ['postgres', 'sqlite'].map(
  (provider) => `${root}packages/adapter-sql/src/generated/${provider}/client.ts`,
);
if (clients.every((client) => existsSync(client))) {
  await import('../packages/adapter-sql/scripts/ship-prisma-folder.mjs');
} else {
  execFileSync('pnpm', ['--silent', '--filter', '@alma/adapter-sql', 'run', 'generate'], {
    cwd: root,
    stdio: 'inherit',
  });
}
