import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, SqlAdapter } from '@alma/adapter-sql';
import { MemoryStore } from '@alma/core';
import pg from 'pg';

export const BENCH_POSTGRES_SERVER =
  process.env.ALMA_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, migrated database of one provider, and how to reach it raw and as a store. */
export interface BenchTarget {
  readonly provider: 'postgres' | 'sqlite';
  /** pg connection string or SQLite file. */
  readonly location: string;
  openStore(dimension: number): Promise<{ store: MemoryStore; adapter: SqlAdapter }>;
  dispose(): Promise<void>;
}

/** Runs one statement on a database of the bench server, on a connection of its own. */
export async function executeOn(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function postgresTarget(): Promise<BenchTarget> {
  const name = `alma_bench_${randomBytes(4).toString('hex')}`;
  await executeOn(BENCH_POSTGRES_SERVER, `CREATE DATABASE "${name}"`);
  const url = new URL(BENCH_POSTGRES_SERVER);
  url.pathname = `/${name}`;
  const location = url.toString();
  await migrate({ provider: 'postgres', connectionString: location });
  return {
    provider: 'postgres',
    location,
    async openStore(dimension) {
      const adapter = await SqlAdapter.open({
        dialect: 'postgres',
        connectionString: location,
        migrate: false,
      });
      return { adapter, store: await MemoryStore.open(adapter, { dimension }) };
    },
    dispose: () => executeOn(BENCH_POSTGRES_SERVER, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export async function sqliteTarget(): Promise<BenchTarget> {
  const directory = await mkdtemp(join(tmpdir(), 'alma-bench-sql-'));
  const location = join(directory, 'alma.db');
  await migrate({ provider: 'sqlite', file: location });
  return {
    provider: 'sqlite',
    location,
    async openStore(dimension) {
      const adapter = await SqlAdapter.open({ dialect: 'sqlite', file: location, migrate: false });
      return { adapter, store: await MemoryStore.open(adapter, { dimension }) };
    },
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
}
