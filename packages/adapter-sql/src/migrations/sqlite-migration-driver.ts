import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SerialQueue, StorageError, StoreLockedError } from '@alma/core';
import Database from 'better-sqlite3';
import type { MigrationDriver, SqlParameter, SqlRow } from './migration-driver.js';

// One queue per database file: migrators in this process take turns (better-sqlite3 blocks the
// thread while it waits for a lock, so two here could never let each other finish).
const queues = new Map<string, SerialQueue>();

/**
 * Migrates a SQLite database over one better-sqlite3 connection. Each transaction begins
 * IMMEDIATE, which takes the database's write lock at once: a migrator in another process waits
 * (up to the busy timeout) and then reads the state this one left.
 */
export class SqliteMigrationDriver implements MigrationDriver {
  readonly provider = 'sqlite';

  /**
   * @param db an open connection, whose busy timeout bounds the wait for another migrator
   * @param ownsDatabase whether `close` closes the connection
   */
  constructor(
    private readonly db: Database.Database,
    private readonly ownsDatabase = false,
  ) {}

  /** Opens `file` (creating it and its folder unless read-only), waiting up to `lockTimeoutMs` for locks. */
  static open(file: string, options: { lockTimeoutMs: number; readOnly: boolean }): SqliteMigrationDriver {
    try {
      if (!options.readOnly) mkdirSync(dirname(resolve(file)), { recursive: true });
      const db = new Database(file, {
        timeout: options.lockTimeoutMs,
        readonly: options.readOnly,
        fileMustExist: options.readOnly,
      });
      return new SqliteMigrationDriver(db, true);
    } catch (error) {
      throw new StorageError(`cannot open the SQLite database ${file}`, { cause: error });
    }
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const key = this.db.memory ? this.db.name : resolve(this.db.name);
    let queue = queues.get(key);
    if (!queue) {
      queue = new SerialQueue();
      queues.set(key, queue);
    }
    return queue.run(work);
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
      throw new StoreLockedError(`another process kept ${this.db.name} locked past the busy timeout`, {
        cause: error,
      });
    }
    try {
      const result = await work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  async execute(script: string): Promise<void> {
    this.db.exec(script);
  }

  async query(sql: string, parameters: readonly SqlParameter[] = []): Promise<SqlRow[]> {
    const statement = this.db.prepare(sql);
    const values = parameters.map((value) => (value instanceof Date ? value.getTime() : value));
    if (statement.reader) return statement.all(...values) as SqlRow[];
    statement.run(...values);
    return [];
  }

  async close(): Promise<void> {
    if (this.ownsDatabase) this.db.close();
  }
}
