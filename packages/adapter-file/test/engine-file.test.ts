import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAdapter } from '@alma/adapter-file';
import { defineCapabilities } from '@alma/core';
import { describeEngineConformance } from '@alma/core/testing';

describeEngineConformance({
  name: 'file',
  capabilities: defineCapabilities({
    vectorSearch: 'exact',
    textSearch: true,
    atomicBatch: true,
    persistent: true,
    multiProcess: false,
  }),
  async create() {
    const directory = await mkdtemp(join(tmpdir(), 'alma-engine-file-'));
    return {
      adapter: await FileAdapter.open({ directory }),
      destroy: () => rm(directory, { recursive: true, force: true }),
    };
  },
});
