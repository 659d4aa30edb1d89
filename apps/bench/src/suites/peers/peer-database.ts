import { randomBytes } from 'node:crypto';
import { BENCH_POSTGRES_SERVER, executeOn as execute } from '../sql/sql-bench-targets.js';

/** A fresh database on the bench server, empty but for pgvector: a peer creates its own tables in it. */
export interface PeerDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export async function createPeerDatabase(): Promise<PeerDatabase> {
  const name = `alma_bench_peer_${randomBytes(4).toString('hex')}`;
  await execute(BENCH_POSTGRES_SERVER, `CREATE DATABASE "${name}"`);
  const url = new URL(BENCH_POSTGRES_SERVER);
  url.pathname = `/${name}`;
  // FORCE: a peer that failed may still hold connections open.
  const drop = () => execute(BENCH_POSTGRES_SERVER, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    await execute(url.toString(), 'CREATE EXTENSION IF NOT EXISTS vector');
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.toString(), drop };
}
