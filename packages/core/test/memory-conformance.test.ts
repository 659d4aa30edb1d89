import { defineCapabilities, MemoryAdapter } from '@alma/core';
import { describeConformance } from '@alma/core/testing';

describeConformance({
  name: 'memory',
  capabilities: defineCapabilities({ vectorSearch: 'exact', textSearch: true, atomicBatch: true }),
  async create() {
    return { adapter: new MemoryAdapter(), destroy: async () => {} };
  },
});
