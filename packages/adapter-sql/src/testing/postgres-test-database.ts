import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database of its own for one test file or test, on the local PostgreSQL. */
export interface PostgresTestDatabase {
  readonly name: string;
  /** Connects to this database as the admin user. */
  readonly connectionString: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * The server the tests use: `ALMA_TEST_POSTGRES_URL` (any database on it; the admin connects to
 * that one), or the local service with trust authentication.
 */
export const POSTGRES_TEST_SERVER =
  process.env.ALMA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Creates a uniquely named database (`<prefix>_<pid>_<random>`): empty, or a copy of `template`
 * (a database nobody is connected to), which is much faster than migrating each one.
 */
export async function createPostgresTestDatabase(
  prefix = 'alma_test',
  options: { readonly template?: string } = {},
): Promise<PostgresTestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const template = options.template ? ` TEMPLATE "${options.template}"` : '';
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"${template}`));
  const url = new URL(POSTGRES_TEST_SERVER);
  url.pathname = `/${name}`;
  return {
    name,
    connectionString: url.toString(),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

async function withAdmin(work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_TEST_SERVER });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
