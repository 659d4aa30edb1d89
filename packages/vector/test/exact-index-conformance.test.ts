import { ExactVectorIndex } from '@alma/vector';
import { describeVectorIndexConformance } from '@alma/vector/testing';

describeVectorIndexConformance({
  name: 'exact',
  capabilities: new ExactVectorIndex({ dimension: 1, columns: [] }).capabilities,
  async create(spec) {
    return { index: new ExactVectorIndex(spec), destroy: async () => {} };
  },
});
