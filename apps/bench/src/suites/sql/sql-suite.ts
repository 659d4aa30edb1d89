import { type Heuristic, type MemoryInput, type MemoryStore, normalizeRecord, uuidv7 } from '@alma/core';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { BenchSuite, BenchTable } from '../../bench-suite.js';
import { quantile, timeIt } from '../../measure.js';
import { BENCH_DIMENSION, makeDataset, RARE_AGENT, type VectorDataset } from '../vector/vector-dataset.js';
import { groundTruth, recall } from '../vector/vector-ground-truth.js';
import { copyIntoPostgres, insertIntoSqlite } from './raw-bulk-insert.js';
import { type BenchTarget, postgresTarget, sqliteTarget } from './sql-bench-targets.js';

const PROJECT = 'bench';
const BATCH = 1_000;
const QUERIES = 30;
const K = 10;
const DELETES = 200;
const DAY = 86_400_000;

/** The data set as canonical heuristics, built once, so the store and the raw path write the same rows. */
function heuristicsOf(dataset: VectorDataset): Heuristic[] {
  const now = new Date('2026-11-01T00:00:00.000Z');
  return dataset.rows.map((row) =>
    normalizeRecord(
      'heuristic',
      {
        id: uuidv7(),
        projectId: PROJECT,
        agent: String(row.fields?.agent),
        condition: `condition of ${row.id}`,
        strategy: `strategy for cluster work ${row.id}`,
        confidence: Number(row.fields?.confidence),
        embedding: row.vector,
      },
      { now, dimension: BENCH_DIMENSION },
    ),
  );
}

async function putAll(store: MemoryStore, records: readonly MemoryInput<'heuristic'>[]): Promise<void> {
  for (let i = 0; i < records.length; i += BATCH) await store.heuristics.putMany(records.slice(i, i + BATCH));
}

interface SizeFigures {
  provider: string;
  size: number;
  storePerSec: number;
  rawPerSec: number;
  deleteMs: number;
  recallAll?: number;
  recallFiltered?: number;
  p50All?: number;
  p95All?: number;
  p50Filtered?: number;
  p95Filtered?: number;
}

async function measureSize(
  makeTarget: () => Promise<BenchTarget>,
  dataset: VectorDataset,
  withSearch: boolean,
): Promise<SizeFigures> {
  const records = heuristicsOf(dataset);
  const target = await makeTarget();
  const raw = await makeTarget();
  try {
    // The raw table gets the same indexes as the store's (the store builds its vector index on open).
    const prepared = await raw.openStore(BENCH_DIMENSION);
    await prepared.store.close();
    const rawMs = await timeIt(() =>
      raw.provider === 'postgres'
        ? copyIntoPostgres(raw.location, records)
        : insertIntoSqlite(raw.location, records),
    );
    const loading = await target.openStore(BENCH_DIMENSION);
    // Until close() the store may still owe work for the load (PostgreSQL builds the HNSW index it
    // dropped, SQLite catches LanceDB up): the insert time includes it, and what follows meets the
    // store at rest, as a reopened process would.
    const storeMs = await timeIt(async () => {
      await putAll(loading.store, records);
      await loading.store.close();
    });
    const { store } = await target.openStore(BENCH_DIMENSION);
    const figures: SizeFigures = {
      provider: target.provider,
      size: dataset.size,
      storePerSec: (records.length / storeMs) * 1000,
      rawPerSec: (records.length / rawMs) * 1000,
      deleteMs: 0,
    };
    if (withSearch) Object.assign(figures, await measureSearch(store, dataset, records));
    const doomed = records.filter((_, i) => i % Math.floor(records.length / DELETES) === 0).slice(0, DELETES);
    const deleteMs = await timeIt(async () => {
      for (const record of doomed) await store.heuristics.delete(record);
    });
    figures.deleteMs = deleteMs / doomed.length;
    await store.close();
    return figures;
  } finally {
    await target.dispose();
    await raw.dispose();
  }
}

async function measureSearch(store: MemoryStore, dataset: VectorDataset, records: readonly Heuristic[]) {
  const truth = groundTruth(dataset, K);
  const uuidOf = new Map(dataset.rows.map((row, i) => [row.id, records[i]!.id]));
  const toUuids = (ids: readonly (readonly string[])[]) =>
    ids.map((list) => list.map((id) => uuidOf.get(id)!));
  const run = async (filtered: boolean) => {
    const found: string[][] = [];
    const latencies: number[] = [];
    for (const query of dataset.queries) {
      const where = filtered ? { projectId: PROJECT, agent: RARE_AGENT } : { projectId: PROJECT };
      let hits: string[] = [];
      latencies.push(
        await timeIt(async () => {
          hits = (await store.heuristics.search({ where, vector: query, k: K })).map((hit) => hit.record.id);
        }),
      );
      found.push(hits);
    }
    return {
      recall: recall(found, toUuids(filtered ? truth.rare : truth.all)),
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
    };
  };
  const all = await run(false);
  const filtered = await run(true);
  return {
    recallAll: all.recall,
    p50All: all.p50,
    p95All: all.p95,
    recallFiltered: filtered.recall,
    p50Filtered: filtered.p50,
    p95Filtered: filtered.p95,
  };
}

/** deleteWhere(timestamp < cutoff) over many outcomes, with the plan the database chose for it. */
async function measureAgeDelete(makeTarget: () => Promise<BenchTarget>, count: number) {
  const target = await makeTarget();
  try {
    const { store } = await target.openStore(BENCH_DIMENSION);
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    for (let i = 0; i < count; i += 10_000) {
      await store.outcomes.putMany(
        Array.from({ length: Math.min(10_000, count - i) }, (_, j) => ({
          projectId: PROJECT,
          agent: 'bench',
          taskType: 'load',
          taskDescription: `task ${i + j}`,
          success: (i + j) % 3 !== 0,
          strategyUsed: 'bulk',
          timestamp: new Date(start + ((i + j) % 365) * DAY),
        })),
      );
    }
    const cutoff = new Date(start + 30 * DAY);
    const plan = await explainAgeDelete(target, cutoff);
    let removed = 0;
    const ms = await timeIt(async () => {
      removed = await store.outcomes.deleteWhere({ projectId: PROJECT, timestamp: { lt: cutoff } });
    });
    await store.close();
    return {
      provider: target.provider,
      count,
      removed,
      ms,
      plan,
      usesIndex: /alma_outcomes_project_id_timestamp_idx/.test(plan),
    };
  } finally {
    await target.dispose();
  }
}

async function explainAgeDelete(target: BenchTarget, cutoff: Date): Promise<string> {
  if (target.provider === 'postgres') {
    const client = new pg.Client({ connectionString: target.location });
    await client.connect();
    try {
      await client.query('ANALYZE alma_outcomes');
      const result = await client.query(
        'EXPLAIN DELETE FROM alma_outcomes AS r WHERE r.project_id = $1 AND r.timestamp < $2',
        [PROJECT, cutoff],
      );
      return result.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join(' | ');
    } finally {
      await client.end();
    }
  }
  const db = new Database(target.location, { readonly: true });
  try {
    const rows = db
      .prepare('EXPLAIN QUERY PLAN DELETE FROM alma_outcomes AS r WHERE r.project_id = ? AND r.timestamp < ?')
      .all(PROJECT, cutoff.toISOString()) as { detail: string }[];
    return rows.map((row) => row.detail).join(' | ');
  } finally {
    db.close();
  }
}

export const sqlSuite: BenchSuite = {
  name: 'sql',
  description: 'PostgreSQL (pgvector) and SQLite (LanceDB) stores against their raw drivers',
  async run({ quick }) {
    const sizes = quick ? [10_000] : [10_000, 100_000];
    const outcomes = quick ? 100_000 : 1_000_000;
    const targets = [
      { name: 'postgres', make: postgresTarget },
      { name: 'sqlite', make: sqliteTarget },
    ];
    const sizeFigures: SizeFigures[] = [];
    // One small round per provider first: both paths are then measured warm (JIT, caches), not the first one cold.
    const warmup = makeDataset(1_000, 1);
    for (const target of targets) await measureSize(target.make, warmup, false);
    for (const size of sizes) {
      const dataset = makeDataset(size, QUERIES);
      for (const target of targets) {
        sizeFigures.push(await measureSize(target.make, dataset, size === sizes.at(-1)));
      }
    }
    const ageDeletes = [];
    for (const target of targets) ageDeletes.push(await measureAgeDelete(target.make, outcomes));

    const figures: Record<string, number | string | boolean> = {};
    const insertRows = sizeFigures.map((f) => {
      const ratio = f.storePerSec / f.rawPerSec;
      Object.assign(figures, {
        [`${f.provider}.n${f.size}.storePerSec`]: Math.round(f.storePerSec),
        [`${f.provider}.n${f.size}.rawPerSec`]: Math.round(f.rawPerSec),
        [`${f.provider}.n${f.size}.insertRatio`]: ratio,
        [`${f.provider}.n${f.size}.deleteMs`]: f.deleteMs,
      });
      return [f.provider, f.size, Math.round(f.storePerSec), Math.round(f.rawPerSec), ratio, f.deleteMs];
    });
    const searchRows = sizeFigures
      .filter((f) => f.recallAll !== undefined)
      .map((f) => {
        Object.assign(figures, {
          [`${f.provider}.n${f.size}.recallAll`]: f.recallAll!,
          [`${f.provider}.n${f.size}.recallFiltered`]: f.recallFiltered!,
          [`${f.provider}.n${f.size}.p50FilteredMs`]: f.p50Filtered!,
          [`${f.provider}.n${f.size}.p95FilteredMs`]: f.p95Filtered!,
        });
        return [
          f.provider,
          f.size,
          f.recallAll!,
          f.p50All!,
          f.p95All!,
          f.recallFiltered!,
          f.p50Filtered!,
          f.p95Filtered!,
        ];
      });
    const deleteRatioRows = targets.map(({ name }) => {
      const small = sizeFigures.find((f) => f.provider === name && f.size === sizes[0]);
      const large = sizeFigures.find((f) => f.provider === name && f.size === sizes.at(-1));
      const ratio = small && large ? large.deleteMs / small.deleteMs : Number.NaN;
      figures[`${name}.deleteCostRatio`] = ratio;
      return [name, small?.deleteMs ?? Number.NaN, large?.deleteMs ?? Number.NaN, ratio];
    });
    const ageRows = ageDeletes.map((a) => {
      Object.assign(figures, {
        [`${a.provider}.ageDelete.ms`]: a.ms,
        [`${a.provider}.ageDelete.removed`]: a.removed,
        [`${a.provider}.ageDelete.usesIndex`]: a.usesIndex,
        [`${a.provider}.ageDelete.plan`]: a.plan,
      });
      return [a.provider, a.count, a.removed, a.ms, a.usesIndex ? 'yes' : 'NO', a.plan.slice(0, 90)];
    });
    const tables: BenchTable[] = [
      {
        title: `putMany of ${BENCH_DIMENSION}-d heuristics (batches of ${BATCH}) vs the raw driver's best bulk path`,
        columns: ['store', 'records', 'store rec/s', 'raw rec/s', 'store/raw', 'delete ms'],
        rows: insertRows,
        notes: [
          'raw: pg COPY FROM STDIN / better-sqlite3 prepared INSERT in one transaction, same table and indexes. Target: store/raw ≥ 0.5.',
          'delete ms: one point delete by {projectId, id}, mean of 200.',
        ],
      },
      {
        title: `vector search at ${sizes.at(-1)!.toLocaleString('en-US')} (recall@${K} against the exact kernel, ${QUERIES} queries)`,
        columns: [
          'store',
          'records',
          'recall',
          'p50 ms',
          'p95 ms',
          'recall filtered',
          'p50 ms filtered',
          'p95 ms filtered',
        ],
        rows: searchRows,
        notes: ['filtered: agent = rare, about 10% of the rows. Target: recall ≥ 0.95 with the filter.'],
      },
      {
        title: 'delete cost: larger store over smaller store',
        columns: ['store', `ms at ${sizes[0]}`, `ms at ${sizes.at(-1)}`, 'ratio'],
        rows: deleteRatioRows,
        notes: ['Target: within 1.5×: deletes do not grow with the store (PC-4).'],
      },
      {
        title: `deleteWhere(outcomes older than 30 days) over ${outcomes.toLocaleString('en-US')} outcomes`,
        columns: ['store', 'outcomes', 'removed', 'ms', 'index used', 'plan'],
        rows: ageRows,
        notes: ['The plan must name alma_outcomes_project_id_timestamp_idx (PC-1).'],
      },
    ];
    return { suite: 'sql', quick, tables, figures };
  },
};
