import { parsePostgresConfig, parseSqliteConfig } from '@alma/adapter-sql';
import type { MemoryStore } from '@alma/core';
import { type BenchTarget, postgresTarget, sqliteTarget } from '../sql/sql-bench-targets.js';
import { BENCH_DIMENSION, BENCH_PROJECT } from '../vector/vector-dataset.js';
import type { PeerSystem } from './peer-system.js';

/** The stores' own defaults, read from their config parsers so the notes cannot drift from the code. */
const POSTGRES = parsePostgresConfig({ connectionString: 'postgres://defaults' });
const SQLITE = parseSqliteConfig({ file: 'defaults.db' });

/** An ALMA store on a fresh database, one kind (heuristics), through the MemoryStore API. */
function almaSystem(
  key: string,
  label: string,
  configuration: string,
  makeTarget: () => Promise<BenchTarget>,
): PeerSystem {
  let target: BenchTarget | undefined;
  let store: MemoryStore | undefined;
  const opened = (): MemoryStore => {
    if (!store) throw new Error(`${label} is not set up`);
    return store;
  };
  return {
    key,
    label,
    configuration,
    async setup() {
      target = await makeTarget();
      store = (await target.openStore(BENCH_DIMENSION)).store;
    },
    async insertMany(rows) {
      const { failures } = await opened().heuristics.putMany(
        rows.map((row) => ({
          id: row.id,
          projectId: BENCH_PROJECT,
          agent: row.agent,
          condition: row.text,
          strategy: row.text,
          confidence: 0.5,
          embedding: row.vector,
        })),
      );
      // Non-atomic backends report failed items instead of throwing: a silent gap would flatter the rate.
      if (failures.length > 0) throw new Error(`${label}: ${failures.length} records failed to write`);
    },
    async settle() {
      // close() finishes what the store defers after bulk writes (PostgreSQL rebuilds its HNSW index,
      // SQLite applies its LanceDB outbox); searches then meet the store as a restarted process would.
      await opened().close();
      store = undefined;
      if (!target) throw new Error(`${label} is not set up`);
      store = (await target.openStore(BENCH_DIMENSION)).store;
    },
    async search(vector, k, agent) {
      const where = agent === null ? { projectId: BENCH_PROJECT } : { projectId: BENCH_PROJECT, agent };
      const hits = await opened().heuristics.search({ where, vector, k });
      return hits.map((hit) => hit.record.id);
    },
    async deleteIds(ids) {
      for (const id of ids) await opened().heuristics.delete({ projectId: BENCH_PROJECT, id });
    },
    async deleteFilter(agent) {
      await opened().heuristics.deleteWhere({ projectId: BENCH_PROJECT, agent });
    },
    async dispose() {
      try {
        await store?.close();
      } finally {
        await target?.dispose();
      }
    },
  };
}

export function almaPostgresSystem(): PeerSystem {
  return almaSystem(
    'almaPostgres',
    'ALMA PostgreSQL',
    `store defaults: pgvector HNSW m=${POSTGRES.hnswM} ef_construction=${POSTGRES.hnswEfConstruction}, ` +
      `ef_search=${POSTGRES.hnswEfSearch}, iterative_scan=${POSTGRES.iterativeScan}, pool ${POSTGRES.poolSize}; ` +
      'kinds of up to 20,000 rows are searched exactly; ' +
      'putMany batches go through COPY and may drop the index; insert time includes close() and reopen, ' +
      'which builds it again',
    postgresTarget,
  );
}

export function almaSqliteSystem(): PeerSystem {
  return almaSystem(
    'almaSqlite',
    'ALMA SQLite',
    `store defaults: exact in-memory search up to ${SQLITE.residentVectorRows.toLocaleString('en-US')} ` +
      'records per kind, LanceDB ANN (hnsw-sq) above; insert time includes close() and reopen, which ' +
      'applies the LanceDB outbox',
    sqliteTarget,
  );
}
