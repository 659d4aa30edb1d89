import type { MigrationStatus, MigrationTarget } from '@alma/adapter-sql';
import { describeStoreLocation, type StoreLocation } from '@alma/connect';
import { UnsupportedError } from '@alma/core';
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { CheckFailed } from '../exit-codes.js';
import { JSON_HELP } from '../option-parsers.js';
import { storeLocation } from '../store-session.js';

type Write = (text: string) => void;

/** What the Cosmos DB adapter offers (CosmosAdapter.migrate), without loading it for other stores. */
interface DocumentMigrations {
  migrate(): Promise<Readonly<Record<string, number | undefined>>>;
}

const STORE_OPTION = '--store <url>';
const STORE_HELP =
  'store URL: sqlite:./alma.db or postgres://… (default: $ALMA_STORE, else SQLite in ./.alma/)';
const STATUS_EXIT_HELP = `
Exit status, non-zero where \`prisma migrate status\`'s is (docs/migrations.md):
  0  the schema is up to date (migrations applied by a newer ALMA are listed, not counted)
  3  migrations are pending, failed, or were changed after they ran
  1  the database could not be read`;

/**
 * Where a database stands, most urgent first: the `status` that `alma db status --json` reports and
 * exits by. A failed or changed migration blocks `alma db migrate`; a pending one is what it applies.
 */
type SchemaStatus = 'failed' | 'changed' | 'pending' | 'up-to-date';

/** `alma db migrate|status`: the schema migrations of the SQL stores, and Cosmos DB's layout. */
export function registerDbCommand(program: Command, context: CommandContext): void {
  const write: Write = (text) => context.io.out(text);
  const locate = (url: string | undefined) => storeLocation(context.io, url);
  const db = program.command('db').description('apply and inspect the schema migrations of a SQL store');
  db.command('migrate')
    .description('apply the pending migrations, in order, one transaction each')
    .option(STORE_OPTION, STORE_HELP)
    .option('--json', JSON_HELP, false)
    .action((options: { store?: string; json: boolean }) =>
      runDbMigrate(locate(options.store), options.json, write, context.io.env),
    );
  db.command('status')
    .description('list applied, pending and failed migrations without changing anything')
    .option(STORE_OPTION, STORE_HELP)
    .option('--json', JSON_HELP, false)
    .addHelpText('after', STATUS_EXIT_HELP)
    .action((options: { store?: string; json: boolean }) =>
      runDbStatus(locate(options.store), options.store, options.json, write),
    );
}

async function runDbMigrate(
  location: StoreLocation,
  json: boolean,
  write: Write,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  if (location.kind === 'cosmos') return migrateCosmos(location, json, write, env);
  const target = sqlTarget(location, json, write);
  if (!target) return;
  // Loaded here so that other commands never pay for the database drivers.
  const { migrate } = await import('@alma/adapter-sql');
  const { applied } = await migrate(target);
  const store = describeStoreLocation(location);
  if (json) return write(`${JSON.stringify({ store, applied })}\n`);
  if (applied.length === 0) return write(`${store}: nothing to apply, the schema is up to date\n`);
  write(
    `${store}: applied ${plural(applied.length, 'migration')}\n${applied.map((name) => `  ${name}\n`).join('')}`,
  );
}

/**
 * Cosmos DB: opening applies the container settings (creating the containers a release added);
 * `migrate()` then rewrites the documents of older layouts, which reads otherwise upgrade lazily.
 */
async function migrateCosmos(
  location: StoreLocation,
  json: boolean,
  write: Write,
  env: Readonly<Record<string, string | undefined>>,
) {
  const { openStore } = await import('@alma/connect');
  const opened = await openStore(location, { mustExist: true, env });
  try {
    const adapter = opened.adapter as Partial<DocumentMigrations>;
    if (typeof adapter.migrate !== 'function')
      throw new UnsupportedError('this store has no document layout');
    const rewritten = await adapter.migrate();
    const store = describeStoreLocation(location);
    if (json) return write(`${JSON.stringify({ store, rewritten })}\n`);
    const total = Object.values(rewritten).reduce<number>((sum, n) => sum + (n ?? 0), 0);
    write(`${store}: containers up to date, ${plural(total, 'document')} rewritten to the current layout\n`);
  } finally {
    await opened.close();
  }
}

async function runDbStatus(
  location: StoreLocation,
  url: string | undefined,
  json: boolean,
  write: Write,
): Promise<void> {
  const target = sqlTarget(location, json, write);
  if (!target) return;
  const { migrationStatus } = await import('@alma/adapter-sql');
  const status = await migrationStatus(target);
  const store = describeStoreLocation(location);
  const verdict = schemaStatus(status);
  if (json) write(`${JSON.stringify({ store, status: verdict, ...status })}\n`);
  else write(statusReport(store, status, url));
  // Exit 3 ("a check failed"), not 1 as Prisma does: 1 stays "could not read the database".
  if (verdict !== 'up-to-date') {
    throw new CheckFailed(`the schema is not up to date (${verdict}): see the status above`);
  }
}

function schemaStatus(status: MigrationStatus): SchemaStatus {
  if (status.failed.length > 0) return 'failed';
  if (status.changed.length > 0) return 'changed';
  if (status.pending.length > 0) return 'pending';
  return 'up-to-date';
}

function statusReport(store: string, status: MigrationStatus, url: string | undefined): string {
  const rows = [
    ...status.applied.map(
      (name) => `  applied  ${name}${status.changed.includes(name) ? '  (file changed since)' : ''}`,
    ),
    ...status.failed.map((name) => `  FAILED   ${name}`),
    ...status.pending.map((name) => `  pending  ${name}`),
    ...status.unknown.map((name) => `  unknown  ${name}  (applied, but not in this version's migrations)`),
  ];
  return `store: ${store}\n${rows.map((row) => `${row}\n`).join('')}${summary(status, url)}\n`;
}

function summary(status: MigrationStatus, url: string | undefined): string {
  switch (schemaStatus(status)) {
    case 'failed':
      return `${plural(status.failed.length, 'migration')} failed: resolve before migrating again (docs/migrations.md)`;
    case 'changed':
      return 'applied migrations were changed after they ran: restore their files';
    case 'pending':
      return `${plural(status.pending.length, 'migration')} pending: run \`alma db migrate${url ? ` --store ${url}` : ''}\``;
    case 'up-to-date':
      return 'the schema is up to date';
  }
}

/** The migration target of a SQL store; other stores have no migrations to run here. */
function sqlTarget(location: StoreLocation, json: boolean, write: Write): MigrationTarget | null {
  switch (location.kind) {
    case 'sqlite':
      return { provider: 'sqlite', file: location.file };
    case 'postgres':
      return { provider: 'postgres', connectionString: location.connectionString };
    case 'file': {
      const message = 'the file store has no migrations: each log records its format version in its header';
      const store = describeStoreLocation(location);
      write(json ? `${JSON.stringify({ store, message })}\n` : `${store}: ${message}\n`);
      return null;
    }
    case 'cosmos':
      throw new UnsupportedError(
        'alma db status reads SQL stores; for Cosmos DB, `alma db migrate` applies its layout',
      );
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
