import { quantile, timeIt } from '../../measure.js';
import { type GroundTruth, recall } from '../vector/vector-ground-truth.js';
import type { PeerFigures } from './peer-figures.js';
import type { PeerSystem } from './peer-system.js';
import { FILTER_AGENT, type PeerDataset } from './peers-dataset.js';

export const K = 10;
/** Records per call of each system's batch write API. */
export const INSERT_BATCH = 1_000;
/** Point deletes per cycle; the figure is their mean. */
export const DELETES = 20;

/**
 * One system's full cycle on one data set, on a fresh database: bulk insert (until settled), unfiltered
 * and filtered top-10, point deletes, delete by filter. The database is dropped whatever happens.
 */
export async function runCycle(
  system: PeerSystem,
  dataset: PeerDataset,
  truth: GroundTruth,
): Promise<PeerFigures> {
  try {
    await system.setup();
    let insertMs = 0;
    for (let i = 0; i < dataset.size; i += INSERT_BATCH) {
      const batch = dataset.rows.slice(i, i + INSERT_BATCH);
      insertMs += await timeIt(() => system.insertMany(batch));
    }
    insertMs += await timeIt(() => system.settle());
    const all = await searchAll(system, dataset, null, truth.all);
    const filtered = await searchAll(system, dataset, FILTER_AGENT, truth.rare);
    const step = Math.floor(dataset.size / DELETES);
    const doomed = Array.from({ length: DELETES }, (_, i) => dataset.rows[i * step]!.id);
    const deleteIdsMs = await timeIt(() => system.deleteIds(doomed));
    const deleteFilterMs = await timeIt(() => system.deleteFilter(FILTER_AGENT));
    // A delete by filter that left records behind would be timed too kindly: check it emptied the agent.
    const left = await system.search(dataset.queries[0]!, K, FILTER_AGENT);
    if (left.length > 0) throw new Error(`${system.label}: delete by filter left ${left.length}+ records`);
    return {
      insertPerSec: (dataset.size / insertMs) * 1000,
      searchP50Ms: all.p50,
      searchP95Ms: all.p95,
      filteredP50Ms: filtered.p50,
      filteredP95Ms: filtered.p95,
      recall: all.recall,
      recallFiltered: filtered.recall,
      deleteIdMs: deleteIdsMs / doomed.length,
      deleteFilterMs,
    };
  } finally {
    await system.dispose();
  }
}

/** Warm-up queries first (not scored), then every query, one at a time. */
async function searchAll(
  system: PeerSystem,
  dataset: PeerDataset,
  agent: string | null,
  truth: readonly (readonly string[])[],
): Promise<{ recall: number; p50: number; p95: number }> {
  for (const query of dataset.warmups) await system.search(query, K, agent);
  const found: string[][] = [];
  const latencies: number[] = [];
  for (const query of dataset.queries) {
    let ids: string[] = [];
    latencies.push(
      await timeIt(async () => {
        ids = await system.search(query, K, agent);
      }),
    );
    found.push(ids);
  }
  return { recall: recall(found, truth), p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) };
}
