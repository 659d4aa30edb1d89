import { SqlAdapter } from '@alma/adapter-sql';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@alma/adapter-sql/testing';
import { KIND_STORAGE_NAMES, KINDS, MemoryStore } from '@alma/core';
import { PROJECT, randomVector, sampleInput, seededRandom } from '@alma/core/testing';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const DIMENSION = 8;
const DAY = 86_400_000;

interface IndexState {
  readonly table: string;
  readonly method: string;
  readonly definition: string;
  readonly valid: boolean;
  readonly ready: boolean;
}

let database: PostgresTestDatabase;
let admin: pg.Client;

beforeEach(async () => {
  database = await createPostgresTestDatabase('alma_indexes');
  admin = new pg.Client({ connectionString: database.connectionString });
  await admin.connect();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await admin.end();
  await database.drop();
});

async function openStore(): Promise<MemoryStore> {
  const adapter = await SqlAdapter.open({
    dialect: 'postgres',
    connectionString: database.connectionString,
    poolSize: 2,
  });
  return MemoryStore.open(adapter, { dimension: DIMENSION });
}

/** The vector index of a table as the catalog sees it: pg_indexes for its definition, pg_index for its state. */
async function hnswIndexOf(table: string): Promise<IndexState | null> {
  const { rows } = await admin.query<IndexState>(
    `SELECT i.tablename AS "table", am.amname AS "method", i.indexdef AS "definition",
       x.indisvalid AS "valid", x.indisready AS "ready"
     FROM pg_indexes i
     JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = i.schemaname::regnamespace
     JOIN pg_index x ON x.indexrelid = c.oid
     JOIN pg_am am ON am.oid = c.relam
     WHERE i.schemaname = current_schema() AND i.indexname = $1`,
    [`${table}_embedding_hnsw_${DIMENSION}`],
  );
  return rows[0] ?? null;
}

async function rowsIn(table: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
  return Number(rows[0]?.n);
}

/** The index names in a plan (EXPLAIN FORMAT JSON), wherever they appear in its tree. */
function indexesIn(plan: unknown): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Index Name' && typeof value === 'string') names.push(value);
        else visit(value);
      }
    }
  };
  visit(plan);
  return names;
}

/** Every statement the store sends through the pg driver while `work` runs: text and bound values. */
async function statementsOf(work: () => Promise<unknown>): Promise<{ text: string; values: unknown[] }[]> {
  const spy = vi.spyOn(pg.Client.prototype, 'query');
  try {
    await work();
    return spy.mock.calls.map(([config, values]) =>
      typeof config === 'string'
        ? { text: config, values: (values as unknown[] | undefined) ?? [] }
        : {
            text: (config as { text: string }).text,
            values: (config as { values?: unknown[] }).values ?? [],
          },
    );
  } finally {
    spy.mockRestore();
  }
}

async function explain(statement: { text: string; values: unknown[] }): Promise<unknown> {
  const { rows } = await admin.query<{ 'QUERY PLAN': unknown }>(
    `EXPLAIN (FORMAT JSON) ${statement.text}`,
    statement.values,
  );
  return rows[0]?.['QUERY PLAN'];
}

describe('PostgreSQL HNSW indexes on empty tables (PC-3)', () => {
  it('exist and are valid on empty tables as soon as the store is opened, and stay valid after a put', async () => {
    const store = await openStore();
    try {
      for (const kind of KINDS) {
        const table = KIND_STORAGE_NAMES[kind];
        expect(await rowsIn(table), table).toBe(0);
        const index = await hnswIndexOf(table);
        expect(index, `${table}_embedding_hnsw_${DIMENSION}`).toMatchObject({
          table,
          method: 'hnsw',
          valid: true,
          ready: true,
        });
        expect(index?.definition).toContain(`vector(${DIMENSION})`);
      }
      await store.heuristics.put(sampleInput('heuristic', { embedding: randomVector(seededRandom(3)) }));
      expect(await rowsIn('alma_heuristics')).toBe(1);
      expect(await hnswIndexOf('alma_heuristics')).toMatchObject({
        method: 'hnsw',
        valid: true,
        ready: true,
      });
    } finally {
      await store.close();
    }
  });
});

describe('PostgreSQL HNSW rebuild after a bulk load (VS-9)', () => {
  it('drops the index for a COPY load into a small table, and close() leaves it rebuilt and valid', async () => {
    const store = await openStore();
    const random = seededRandom(9);
    const records = Array.from({ length: 600 }, () =>
      sampleInput('heuristic', { embedding: randomVector(random) }),
    );
    const index = `alma_heuristics_embedding_hnsw_${DIMENSION}`;
    expect(await hnswIndexOf('alma_heuristics')).toMatchObject({ valid: true });
    const sent = await statementsOf(async () => {
      try {
        const { failures } = await store.heuristics.putMany(records);
        expect(failures).toEqual([]);
      } finally {
        await store.close();
      }
    });
    // The 600 rows took the COPY path, which dropped the index of the (then empty) table, and the
    // index was built again before close() returned (the 2 s settle timer, or close's own flush).
    const drop = sent.findIndex(({ text }) => text === `DROP INDEX IF EXISTS "${index}"`);
    const build = sent.findIndex(({ text }) => text.startsWith(`CREATE INDEX IF NOT EXISTS "${index}"`));
    expect(sent.some(({ text }) => /^COPY alma_load/.test(text))).toBe(true);
    expect(drop).toBeGreaterThanOrEqual(0);
    expect(build).toBeGreaterThan(drop);
    expect(await rowsIn('alma_heuristics')).toBe(records.length);
    expect(await hnswIndexOf('alma_heuristics')).toMatchObject({
      table: 'alma_heuristics',
      method: 'hnsw',
      valid: true,
      ready: true,
    });
  });

  it('serves the nearest query of a reopened store above the exact-scan threshold from the rebuilt index', async () => {
    const random = seededRandom(10);
    const first = await openStore();
    try {
      // Above the 20,000 rows up to which a kind is searched exactly; one COPY batch, which drops the index.
      await first.heuristics.putMany(
        Array.from({ length: 20_500 }, () => sampleInput('heuristic', { embedding: randomVector(random) })),
      );
    } finally {
      await first.close();
    }
    expect(await hnswIndexOf('alma_heuristics')).toMatchObject({ method: 'hnsw', valid: true, ready: true });
    const store = await openStore();
    try {
      let hits = 0;
      const sent = await statementsOf(async () => {
        hits = (
          await store.heuristics.search({
            where: { projectId: PROJECT },
            vector: randomVector(random),
            k: 10,
          })
        ).length;
      });
      expect(hits).toBe(10);
      const statement = sent.find(({ text }) => /<=>/.test(text));
      expect(statement).toBeDefined();
      // The store's indexable form: below the threshold it adds `+ 0` to keep the planner off the index.
      expect(statement!.text).not.toMatch(/\+ 0/);
      expect(indexesIn(await explain(statement!))).toContain(`alma_heuristics_embedding_hnsw_${DIMENSION}`);
    } finally {
      await store.close();
    }
  }, 180_000);
});

describe('PostgreSQL plans of bounded deletes and finds (PC-1, PC-2)', () => {
  it('deleteWhere on outcomes older than a cutoff walks alma_outcomes_project_id_timestamp_idx', async () => {
    const store = await openStore();
    const now = Date.now();
    try {
      const random = seededRandom(11);
      await store.outcomes.putMany(
        Array.from({ length: 4_000 }, (_, i) =>
          sampleInput('outcome', {
            timestamp: new Date(now - (i % 1_000) * DAY),
            embedding: randomVector(random),
          }),
        ),
      );
      await admin.query('ANALYZE "alma_outcomes"');
      // Ages 996 to 999 days: 16 of the 4,000 rows.
      const cutoff = new Date(now - 995.5 * DAY);
      let deleted = 0;
      const sent = await statementsOf(async () => {
        deleted = await store.outcomes.deleteWhere({ projectId: PROJECT, timestamp: { lt: cutoff } });
      });
      expect(deleted).toBe(16);
      const statement = sent.find(({ text }) => /^\s*DELETE FROM "alma_outcomes"/.test(text));
      expect(statement).toBeDefined();
      const plan = await explain(statement!);
      expect(indexesIn(plan)).toContain('alma_outcomes_project_id_timestamp_idx');
    } finally {
      await store.close();
    }
  });

  it('find of heuristics above a confidence walks alma_heuristics_project_id_confidence_idx', async () => {
    const store = await openStore();
    try {
      const random = seededRandom(12);
      await store.heuristics.putMany(
        Array.from({ length: 4_000 }, (_, i) =>
          sampleInput('heuristic', { confidence: (i % 1_000) / 1_000, embedding: randomVector(random) }),
        ),
      );
      await admin.query('ANALYZE "alma_heuristics"');
      let found: number[] = [];
      const sent = await statementsOf(async () => {
        const page = await store.heuristics.find({
          where: { projectId: PROJECT, confidence: { gte: 0.98 } },
          orderBy: { field: 'confidence', direction: 'desc' },
          limit: 50,
        });
        found = page.items.map((heuristic) => heuristic.confidence);
      });
      expect(found).toHaveLength(50);
      expect(Math.min(...found)).toBeGreaterThanOrEqual(0.98);
      const statement = sent.find(({ text }) => /FROM "alma_heuristics" AS r/.test(text));
      expect(statement).toBeDefined();
      const plan = await explain(statement!);
      expect(indexesIn(plan)).toContain('alma_heuristics_project_id_confidence_idx');
    } finally {
      await store.close();
    }
  });
});
