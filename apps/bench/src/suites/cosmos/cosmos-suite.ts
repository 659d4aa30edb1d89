import type { BenchSuite } from '../../bench-suite.js';
import { openCosmosBench } from './cosmos-bench-target.js';
import { loadTables } from './cosmos-load.js';
import { requestCostTable } from './cosmos-request-costs.js';

/** What each operation costs in requests, how fast putMany writes, how fast the exact fallback searches. */
export const cosmosSuite: BenchSuite = {
  name: 'cosmos',
  description:
    'Cosmos DB store: requests per operation, putMany throughput, search latency (stand-in unless COSMOS_ENDPOINT)',
  async run({ quick }) {
    const perPartition = quick ? 2_000 : 10_000;
    const costs = await withBench(requestCostTable);
    const load = await withBench((bench) => loadTables(bench, perPartition, quick ? 8 : 20));
    return {
      suite: 'cosmos',
      quick,
      tables: [costs.table, ...load.tables],
      figures: { ...costs.figures, ...load.figures },
    };
  },
};

async function withBench<T>(
  work: (bench: Awaited<ReturnType<typeof openCosmosBench>>) => Promise<T>,
): Promise<T> {
  const bench = await openCosmosBench();
  try {
    return await work(bench);
  } finally {
    await bench.dispose();
  }
}
