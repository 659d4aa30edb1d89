import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  cosineTopK,
  fromVectorBinary,
  hnswIndexDdl,
  normalize,
  normalizeInto,
  toVectorLiteral,
  vectorColumnType,
} from '@alma/vector';
import { clusteredVectors } from '@alma/vector/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs against the real PostgreSQL server (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres)
// in a database of its own, created and dropped here. pgvector is installed on first use by
// scripts/setup-pgvector.sh, which returns at once when the extension is already there.
const connection = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
};
const SETUP_SCRIPT = fileURLToPath(new URL('../../../scripts/setup-pgvector.sh', import.meta.url));
const DIMENSION = 16;
const ROWS = 3_000;
const database = `alma_vector_test_${randomBytes(6).toString('hex')}`;

let client: pg.Client;
const vectors: Float32Array[] = [];
const category = (i: number) => (i % 100 === 0 ? 'rare' : `c${i % 7}`);

async function admin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const adminClient = new pg.Client({ ...connection, database: 'postgres' });
  await adminClient.connect();
  try {
    return await work(adminClient);
  } finally {
    await adminClient.end();
  }
}

beforeAll(async () => {
  const available = await admin(
    async (c) =>
      (await c.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")).rowCount === 1,
  );
  if (!available) await promisify(execFile)('bash', [SETUP_SCRIPT], { timeout: 600_000 });
  await admin((c) => c.query(`CREATE DATABASE ${database}`));
  client = new pg.Client({ ...connection, database });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS vector');
  await client.query(
    `CREATE TABLE items (id text PRIMARY KEY, category text NOT NULL, embedding ${vectorColumnType(DIMENSION)} NOT NULL)`,
  );
  const points = clusteredVectors({ dimension: DIMENSION, clusters: 12, spread: 1, seed: 7 });
  for (let start = 0; start < ROWS; start += 500) {
    const ids: string[] = [];
    const categories: string[] = [];
    const literals: string[] = [];
    for (let i = start; i < Math.min(ROWS, start + 500); i++) {
      vectors[i] = points.next();
      ids.push(`item-${String(i).padStart(5, '0')}`);
      categories.push(category(i));
      literals.push(toVectorLiteral(vectors[i]!));
    }
    await client.query('INSERT INTO items SELECT * FROM unnest($1::text[], $2::text[], $3::vector[])', [
      ids,
      categories,
      literals,
    ]);
  }
  await client.query(hnswIndexDdl({ table: 'items', column: 'embedding', m: 16, efConstruction: 64 }));
  await client.query('ANALYZE items');
}, 900_000);

afterAll(async () => {
  await client?.end();
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
});

/** Exact top-k over the rows a category test keeps, by the kernel: the ground truth. */
function exactIds(query: Float32Array, k: number, keep: (i: number) => boolean): string[] {
  const rows = vectors.map((_, i) => i).filter(keep);
  const block = new Float32Array(rows.length * DIMENSION);
  rows.forEach((row, j) => {
    normalizeInto(vectors[row]!, block, j * DIMENSION);
  });
  return cosineTopK(block, DIMENSION, rows.length, normalize(query), k).map(
    ({ row }) => `item-${String(rows[row]).padStart(5, '0')}`,
  );
}

/**
 * The k nearest rows as pgvector documents the query: LIMIT inside a MATERIALIZED CTE (a relaxed
 * iterative scan may return rows slightly out of order), then sorted again. The store writes its own
 * query (packages/adapter-sql); this one only probes the server's behaviour.
 */
async function nearest(vector: Float32Array, k: number, where = 'TRUE', values: unknown[] = []) {
  const at = values.length;
  const text =
    `WITH nearest AS MATERIALIZED (SELECT id, category, embedding <=> $${at + 1}::vector AS distance ` +
    `FROM items WHERE ${where} ORDER BY embedding <=> $${at + 1}::vector LIMIT $${at + 2}) ` +
    'SELECT * FROM nearest ORDER BY distance, id';
  return { text, values: [...values, toVectorLiteral(vector), k] };
}

/** Sets pgvector's search settings for the current transaction only. */
async function searchSettings(efSearch: number, iterativeScan: 'off' | 'relaxed_order' | 'strict_order') {
  await client.query(
    "SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', $2, true)",
    [String(efSearch), iterativeScan],
  );
}

async function inTransaction<T>(work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    return await work();
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('pgvector on a real server', () => {
  it('runs pgvector 0.8 or later (iterative scans)', async () => {
    const { rows } = await client.query<{ version: string }>(
      "SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'",
    );
    const [major, minor] = (rows[0]?.version ?? '0.0').split('.').map(Number);
    expect((major ?? 0) * 100 + (minor ?? 0)).toBeGreaterThanOrEqual(8);
  });

  it('round-trips float32 vectors, literal in and binary out, bit for bit', async () => {
    const { rows } = await client.query<{ embedding: Buffer }>(
      'SELECT vector_send(embedding) AS embedding FROM items WHERE id = $1',
      ['item-00042'],
    );
    expect(fromVectorBinary(rows[0]!.embedding)).toEqual(vectors[42]);
  });

  it('scopes ef_search and the iterative scan to the transaction', async () => {
    await inTransaction(async () => {
      await searchSettings(123, 'strict_order');
      expect((await client.query('SHOW hnsw.ef_search')).rows[0]).toEqual({ 'hnsw.ef_search': '123' });
      expect((await client.query('SHOW hnsw.iterative_scan')).rows[0]).toEqual({
        'hnsw.iterative_scan': 'strict_order',
      });
    });
    expect((await client.query('SHOW hnsw.ef_search')).rows[0]).toEqual({ 'hnsw.ef_search': '40' });
  });

  it('uses the HNSW index for the nearest query', async () => {
    const query = await nearest(vectors[5]!, 10);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.text}`, [...query.values]);
    expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('items_embedding_hnsw');
  });

  it('reaches recall@10 ≥ 0.95 unfiltered at ef_search 100, with exact similarities, best first', async () => {
    const points = clusteredVectors({ dimension: DIMENSION, clusters: 12, spread: 1, seed: 8 });
    let found = 0;
    for (let q = 0; q < 20; q++) {
      const vector = points.next();
      const ids = await inTransaction(async () => {
        await searchSettings(100, 'off');
        const query = await nearest(vector, 10);
        const { rows } = await client.query<{ id: string; distance: number }>(query.text, [...query.values]);
        const similarities = rows.map((row) => 1 - row.distance);
        expect([...similarities].sort((a, b) => b - a)).toEqual(similarities);
        return rows.map((row) => row.id);
      });
      const truth = new Set(exactIds(vector, 10, () => true));
      found += ids.filter((id) => truth.has(id)).length;
    }
    expect(found / 200).toBeGreaterThanOrEqual(0.95);
  });

  it('returns k rows under a 1%-selective filter only with an iterative scan', async () => {
    const vector = vectors[1234]!;
    const run = (iterativeScan: 'off' | 'relaxed_order') =>
      inTransaction(async () => {
        // The planner would pick an exact scan for so few rows; force the index, as at scale.
        await client.query('SET LOCAL enable_seqscan = off');
        await searchSettings(40, iterativeScan);
        const query = await nearest(vector, 10, 'category = $1', ['rare']);
        return (
          await client.query<{ id: string; category: string; distance: number }>(query.text, [
            ...query.values,
          ])
        ).rows;
      });
    const off = await run('off');
    const iterative = await run('relaxed_order');
    expect(off.length).toBeLessThan(10);
    expect(iterative).toHaveLength(10);
    expect(iterative.every((row) => row.category === 'rare')).toBe(true);
    const distances = iterative.map((row) => row.distance);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    const truth = new Set(exactIds(vector, 10, (i) => category(i) === 'rare'));
    expect(iterative.filter((row) => truth.has(row.id)).length).toBeGreaterThanOrEqual(9);
  });
});
