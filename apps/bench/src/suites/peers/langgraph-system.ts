import type { PutOperation } from '@langchain/langgraph-checkpoint';
import { PostgresStore } from '@langchain/langgraph-checkpoint-postgres/store';
import { BENCH_DIMENSION } from '../vector/vector-dataset.js';
import { createPeerDatabase, type PeerDatabase } from './peer-database.js';
import type { PeerSystem } from './peer-system.js';

const NAMESPACE = ['bench'];
/** Page size of the delete by filter: the store has no delete-by-filter, so it lists and deletes. */
const DELETE_PAGE = 1_000;

/**
 * LangGraph.js's PostgresStore with its vector index, at its defaults (HNSW m=16, ef_construction=200).
 * Its `embed` hook is handed the prepared vectors: each text maps to the vector registered for it.
 */
export function langgraphSystem(): PeerSystem {
  let database: PeerDatabase | undefined;
  let store: PostgresStore | undefined;
  const vectors = new Map<string, Float32Array>();
  let queries = 0;
  const embed = async (texts: string[]): Promise<number[][]> =>
    texts.map((text) => {
      const vector = vectors.get(text);
      if (!vector) throw new Error(`no vector prepared for '${text}'`);
      return Array.from(vector);
    });
  const opened = (): PostgresStore => {
    if (!store) throw new Error('LangGraph PostgresStore is not set up');
    return store;
  };
  return {
    key: 'langgraph',
    label: 'LangGraph PostgresStore',
    // 150-190 inserts/s here: 100k records would take 9-11 minutes per round and data set.
    maxRecords: 10_000,
    configuration:
      'index { dims: 384, fields: ["text"] } at its defaults: HNSW m=16 ef_construction=200, cosine. ' +
      'Its hnsw.ef option is never applied, and its search (GROUP BY key, ORDER BY MIN(distance)) cannot use ' +
      'the index: every search is an exact scan. Batch = store.batch(put operations); ' +
      'delete by filter = search(filter) pages of 1,000, then batch(value: null)',
    async setup() {
      database = await createPeerDatabase();
      store = new PostgresStore({
        connectionOptions: database.url,
        index: { dims: BENCH_DIMENSION, embed, fields: ['text'] },
      });
      await store.setup();
    },
    async insertMany(rows) {
      for (const row of rows) vectors.set(row.text, row.vector);
      const puts: PutOperation[] = rows.map((row) => ({
        namespace: NAMESPACE,
        key: row.id,
        value: { text: row.text, agent: row.agent },
      }));
      await opened().batch(puts);
    },
    async settle() {},
    async search(vector, k, agent) {
      const query = `query ${queries++}`;
      vectors.set(query, vector);
      try {
        const items = await opened().search(NAMESPACE, {
          query,
          limit: k,
          ...(agent === null ? {} : { filter: { agent } }),
        });
        return items.map((item) => item.key);
      } finally {
        vectors.delete(query);
      }
    },
    async deleteIds(ids) {
      for (const id of ids) await opened().delete(NAMESPACE, id);
    },
    async deleteFilter(agent) {
      for (;;) {
        const page = await opened().search(NAMESPACE, { filter: { agent }, limit: DELETE_PAGE });
        if (page.length === 0) return;
        const deletes: PutOperation[] = page.map((item) => ({
          namespace: NAMESPACE,
          key: item.key,
          value: null,
        }));
        await opened().batch(deletes);
      }
    },
    async dispose() {
      try {
        await store?.stop();
      } finally {
        await database?.drop();
      }
    },
  };
}
