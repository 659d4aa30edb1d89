import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kind, MemoryRecord } from '@alma/core';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { columnsOf, SEARCH_TEXT_COLUMN, tableOf } from '../shared/sql-columns.js';
import type { FieldParam } from '../shared/sql-dialect.js';
import { searchTextOf } from '../sql-conversion.js';
import { postgresDialect } from './postgres-dialect.js';

/**
 * Building pgvector's HNSW graph costs about a sixth of maintaining it row by row (measured here at
 * 10k × 384-d: 0.12 against 0.7 ms per row), so a batch drops the index when the table holds fewer
 * than this many times its rows.
 */
const DROP_INDEX_BELOW = 4;

/** What the bulk path needs of the kind's vector index. */
export interface DeferredIndex {
  /** The index's name, or null while the store's dimension is unknown (no index yet). */
  name(kind: Kind): string | null;
  /** Whether this kind's index was dropped by an earlier batch and waits to be built again. */
  waiting(kind: Kind): boolean;
  /** A batch of this kind begins: a waiting build must not start before it ends. */
  hold(kind: Kind): void;
  /** After the transaction that dropped the index has committed: build it again soon. */
  dropped(kind: Kind): void;
}

/**
 * Large writes through COPY (decision 092): rows stream into a temporary table in text format and
 * reach the kind's table with one INSERT … SELECT … ON CONFLICT, so a batch is one statement and
 * upserts as the row-by-row path does. When the batch is large against the table, the transaction
 * drops the HNSW index first and the index is built again once the batches stop (`HnswRebuilds`).
 */
export async function copyUpsert<K extends Kind>(
  pool: pg.Pool,
  index: DeferredIndex,
  kind: K,
  records: readonly MemoryRecord<K>[],
): Promise<void> {
  const table = `"${tableOf(kind)}"`;
  const columns = columnsOf(kind);
  const names = [...columns.map((column) => `"${column.name}"`), `"${SEARCH_TEXT_COLUMN}"`];
  const updates = names.filter((name) => name !== '"project_id"' && name !== '"id"');
  index.hold(kind);
  let drop = false;
  let client: pg.PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMPORARY TABLE alma_load ON COMMIT DROP AS SELECT ${names.join(', ')} FROM ${table} WITH NO DATA`,
    );
    const lines = function* () {
      for (const record of records) {
        const fields = record as Record<string, unknown>;
        const values = columns.map((column) =>
          copyText(postgresDialect.encode(column.type, fields[column.field] as FieldParam)),
        );
        values.push(copyText(searchTextOf(kind, record)));
        yield `${values.join('\t')}\n`;
      }
    };
    await pipeline(
      Readable.from(lines()),
      client.query(copyFrom(`COPY alma_load (${names.join(', ')}) FROM STDIN`)),
    );
    const indexName = index.name(kind);
    // While a load goes on in batches, the index stays away until the last of them.
    drop =
      indexName !== null &&
      (index.waiting(kind) || (await rowsOf(client, table)) < records.length * DROP_INDEX_BELOW);
    if (drop) await client.query(`DROP INDEX IF EXISTS "${indexName}"`);
    await client.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM alma_load
      ON CONFLICT ("project_id", "id") DO UPDATE SET ${updates.map((name) => `${name} = excluded.${name}`).join(', ')}`);
    await client.query('COMMIT');
  } catch (error) {
    await client?.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    // Committed or not, a build this batch held (or its own drop) is due once batches stop.
    if (drop || index.waiting(kind)) index.dropped(kind);
    client?.release();
  }
}

async function rowsOf(client: pg.PoolClient, table: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n ?? 0);
}

/** A value in COPY's text format: `\N` for null, and the four characters it reserves escaped. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text =
    typeof value === 'boolean'
      ? value
        ? 't'
        : 'f'
      : value instanceof Date
        ? value.toISOString()
        : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
