import { SqlAdapter } from '@alma/adapter-sql';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@alma/adapter-sql/testing';
import { MemoryStore } from '@alma/core';
import { PROJECT, sampleInput } from '@alma/core/testing';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let database: PostgresTestDatabase;

beforeEach(async () => {
  database = await createPostgresTestDatabase('alma_time_zone');
  // A server whose default zone is not UTC: each session starts in New York time.
  const admin = new pg.Client({ connectionString: database.connectionString });
  await admin.connect();
  const { rows } = await admin.query<{ name: string }>('SELECT current_database() AS name');
  await admin.query(`ALTER DATABASE "${rows[0]!.name}" SET timezone = 'America/New_York'`);
  await admin.end();
});

afterEach(async () => {
  await database.drop();
});

describe('PostgreSQL in a non-UTC time zone (DC-1)', () => {
  it('stores the same instant through a single put and the COPY bulk path', async () => {
    const store = await MemoryStore.open(
      await SqlAdapter.open({
        dialect: 'postgres',
        connectionString: database.connectionString,
        poolSize: 2,
      }),
      { dimension: 8 },
    );
    try {
      const at = new Date('2026-03-01T12:00:00.000Z');
      const one = await store.outcomes.put(sampleInput('outcome', { timestamp: at, createdAt: at }));
      const many = await store.outcomes.putMany(
        Array.from({ length: 600 }, () => sampleInput('outcome', { timestamp: at, createdAt: at })),
      );
      expect(many.failures).toEqual([]);
      const { items } = await store.outcomes.find({ where: { projectId: PROJECT }, limit: 1_000 });
      expect(items).toHaveLength(601);
      for (const record of items) {
        expect(record.timestamp.toISOString()).toBe(at.toISOString());
        expect(record.createdAt.toISOString()).toBe(at.toISOString());
      }
      expect((await store.outcomes.get(one))?.timestamp.toISOString()).toBe(at.toISOString());
      // And the stored value is the instant itself, not a wall-clock time read in another zone.
      const direct = new pg.Client({ connectionString: database.connectionString });
      await direct.connect();
      const { rows } = await direct.query<{ utc: string }>(
        `SELECT to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS utc FROM "alma_outcomes" LIMIT 1`,
      );
      await direct.end();
      expect(rows[0]?.utc).toBe('2026-03-01T12:00:00');
    } finally {
      await store.close();
    }
  });
});
