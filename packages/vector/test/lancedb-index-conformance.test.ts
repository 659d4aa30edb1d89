import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineVectorIndexCapabilities, LanceDbVectorDatabase } from '@alma/vector';
import { describeVectorIndexConformance } from '@alma/vector/testing';

// The suite builds the ANN index itself (buildIndex), so the automatic build stays out of the way;
// automatic optimize runs often, so its compaction is exercised by the many-small-writes specs.
const SETTINGS = { annThreshold: 1_000_000, optimizeEvery: 10 };

describeVectorIndexConformance({
  name: 'lancedb',
  capabilities: defineVectorIndexCapabilities({
    exactSearch: true,
    annIndex: true,
    metadataFilter: true,
    persistent: true,
  }),
  async create(spec) {
    const directory = await mkdtemp(join(tmpdir(), 'alma-lancedb-'));
    const databases: LanceDbVectorDatabase[] = [];
    const open = async (dimension: number) => {
      const database = await LanceDbVectorDatabase.open(directory, SETTINGS);
      databases.push(database);
      return database.openIndex({ table: 'alma_test', dimension, columns: spec.columns });
    };
    return {
      index: await open(spec.dimension),
      reopen: (next) => open(next.dimension),
      async destroy() {
        for (const database of databases) database.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  },
});
