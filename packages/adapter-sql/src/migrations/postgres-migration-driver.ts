import { StorageError, StoreLockedError } from '@alma/core';
import pg from 'pg';
import type { MigrationDriver, SqlParameter, SqlRow } from './migration-driver.js';

// The advisory lock key the schema engine takes for `prisma migrate` (flavour/postgres.rs), so this
// runner and Prisma's own keep out of each other's way too.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;
const LOCK_NOT_AVAILABLE = '55P03';

/** Migrates a PostgreSQL database over one `pg` connection, under Prisma Migrate's advisory lock. */
export class PostgresMigrationDriver implements MigrationDriver {
  readonly provider = 'postgresql';

  /**
   * @param client a connected client, used alone for the whole run (advisory locks belong to a session)
   * @param lockTimeoutMs how long to wait for another migrator before failing with STORE_LOCKED
   * @param ownsClient whether `close` ends the client
   */
  constructor(
    private readonly client: pg.Client,
    private readonly lockTimeoutMs: number,
    private readonly ownsClient = false,
  ) {}

  /** Connects to `connectionString` with a client of its own. */
  static async connect(connectionString: string, lockTimeoutMs: number): Promise<PostgresMigrationDriver> {
    const client = new pg.Client({ connectionString, application_name: 'alma-migrate' });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      const reason = error instanceof Error ? `: ${error.message}` : '';
      throw new StorageError(`cannot connect to PostgreSQL at ${describe(connectionString)}${reason}`, {
        cause: error,
      });
    }
    return new PostgresMigrationDriver(client, lockTimeoutMs, true);
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    await this.client.query(`SELECT set_config('lock_timeout', $1, false)`, [`${this.lockTimeoutMs}ms`]);
    try {
      await this.client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    } catch (error) {
      if ((error as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw error;
      throw new StoreLockedError(
        `another process has been migrating this database for more than ${this.lockTimeoutMs} ms`,
        { cause: error },
      );
    } finally {
      await this.client.query('RESET lock_timeout');
    }
    try {
      return await work();
    } finally {
      // A broken connection has ended the session, and with it the lock.
      await this.client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]).catch(() => {});
    }
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.client.query('BEGIN');
    try {
      const result = await work();
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  async execute(script: string): Promise<void> {
    // Without parameters pg uses the simple query protocol, which runs every statement of a script.
    await this.client.query(script);
  }

  async query(sql: string, parameters: readonly SqlParameter[] = []): Promise<SqlRow[]> {
    let position = 0;
    const text = sql.replace(/\?/g, () => `$${++position}`);
    const result = await this.client.query(text, [...parameters]);
    return result.rows;
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.end();
  }
}

/** Host and database of a connection string, without the credentials, for messages. */
function describe(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.host}${url.pathname}`;
  } catch {
    return 'the given connection string';
  }
}
