import { createHash } from 'node:crypto';
import type { LeaseRecord, LeaseTable } from '@alma/core';
import { type SqlQueryable, sql } from './sql-client.js';
import { paramOf, type SqlDialect } from './sql-dialect.js';

type Row = Record<string, unknown>;

/** Lease keys may be long or hold any character: the row is named by a hash of the key. */
const rowKey = (key: string) => `lease:${createHash('sha256').update(key).digest('hex')}`;

/**
 * Leases as rows of `alma_meta`: creating one is an insert that does nothing when the row exists,
 * and replacing or removing one is conditional on the row still holding the lease expected, so
 * every process sharing the database agrees on the holder without a lock of the database's own.
 */
export class SqlLeases implements LeaseTable {
  constructor(
    private readonly client: SqlQueryable,
    private readonly dialect: SqlDialect,
  ) {}

  async create(key: string, lease: LeaseRecord): Promise<boolean> {
    const rows = await this.client.$queryRaw<Row[]>(
      sql`INSERT INTO "alma_meta" ("key", "value") VALUES (${rowKey(key)}, ${this.json(lease)})
        ON CONFLICT ("key") DO NOTHING RETURNING "key"`,
    );
    return rows.length === 1;
  }

  async read(key: string): Promise<LeaseRecord | null> {
    const rows = await this.client.$queryRaw<Row[]>(
      sql`SELECT "value" FROM "alma_meta" WHERE "key" = ${rowKey(key)}`,
    );
    const value = rows[0]?.value;
    if (value === undefined) return null;
    return (typeof value === 'string' ? JSON.parse(value) : value) as LeaseRecord;
  }

  async replace(key: string, expected: LeaseRecord, next: LeaseRecord): Promise<boolean> {
    const changed = await this.client.$executeRaw(
      sql`UPDATE "alma_meta" SET "value" = ${this.json(next)}
        WHERE "key" = ${rowKey(key)} AND "value" = ${this.json(expected)}`,
    );
    return changed === 1;
  }

  async remove(key: string, expected: LeaseRecord): Promise<void> {
    await this.client.$executeRaw(
      sql`DELETE FROM "alma_meta" WHERE "key" = ${rowKey(key)} AND "value" = ${this.json(expected)}`,
    );
  }

  /** Written in one key order, so that SQLite's text comparison matches as jsonb's does. */
  private json(lease: LeaseRecord) {
    return paramOf(this.dialect, 'json', { owner: lease.owner, expiresAt: lease.expiresAt } as never);
  }
}
