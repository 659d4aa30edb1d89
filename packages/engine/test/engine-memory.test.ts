import { defineCapabilities, MemoryAdapter } from '@alma/core';
import { describeEngineConformance } from '@alma/engine/testing';

describeEngineConformance({
  name: 'memory',
  capabilities: defineCapabilities({ vectorSearch: 'exact', textSearch: true, atomicBatch: true }),
  async create() {
    return { adapter: new MemoryAdapter(), destroy: async () => {} };
  },
});
