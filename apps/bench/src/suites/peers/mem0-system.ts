import { PGVector } from 'mem0ai/oss';
import { BENCH_DIMENSION } from '../vector/vector-dataset.js';
import { createPeerDatabase, type PeerDatabase } from './peer-database.js';
import type { PeerSystem } from './peer-system.js';

/** Memory.deleteAll's page: it lists this many ids by filter, deletes them one by one, and repeats. */
const DELETE_PAGE = 1_000;

/**
 * mem0's OSS PGVector vector store alone: no LLM, no embedder, no history database. `hnsw: true` builds
 * pgvector's HNSW index at its defaults when the table is created; without it every search scans.
 */
export function mem0System(hnsw: boolean): PeerSystem {
  let database: PeerDatabase | undefined;
  let store: PGVector | undefined;
  const opened = (): PGVector => {
    if (!store) throw new Error('mem0 PGVector is not set up');
    return store;
  };
  return {
    key: hnsw ? 'mem0Hnsw' : 'mem0Scan',
    label: hnsw ? 'mem0 PGVector (hnsw)' : 'mem0 PGVector (scan)',
    configuration: hnsw
      ? 'hnsw: true: pgvector HNSW at its defaults (m=16 ef_construction=64); mem0 sets no ef_search ' +
        '(pgvector default 40) and no iterative scan, so filters apply after the graph walk'
      : 'hnsw: false (its default): exact scan per search',
    async setup() {
      database = await createPeerDatabase();
      store = new PGVector({
        connectionString: database.url,
        collectionName: 'memories',
        embeddingModelDims: BENCH_DIMENSION,
        hnsw,
      });
      await store.initialize();
    },
    async insertMany(rows) {
      await opened().insert(
        rows.map((row) => Array.from(row.vector)),
        rows.map((row) => row.id),
        rows.map((row) => ({ data: row.text, agent_id: row.agent })),
      );
    },
    async settle() {},
    async search(vector, k, agent) {
      const results = await opened().search(
        Array.from(vector),
        k,
        agent === null ? undefined : { agent_id: agent },
      );
      return results.map((result) => result.id);
    },
    async deleteIds(ids) {
      for (const id of ids) await opened().delete(id);
    },
    async deleteFilter(agent) {
      for (;;) {
        const [page] = await opened().list({ agent_id: agent }, DELETE_PAGE);
        if (page.length === 0) return;
        for (const item of page) await opened().delete(item.id);
      }
    },
    async dispose() {
      try {
        await store?.close();
      } finally {
        await database?.drop();
      }
    },
  };
}
