import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAdapter } from '@alma/adapter-file';
import { defineCapabilities } from '@alma/core';
import type { ConformanceHarness } from '@alma/core/testing';

/** A fresh store directory per store; the store and engine suites share it. */
export function fileHarness(): ConformanceHarness {
  return {
    name: 'file',
    capabilities: defineCapabilities({
      vectorSearch: 'exact',
      textSearch: true,
      atomicBatch: true,
      persistent: true,
      multiProcess: false,
    }),
    async create() {
      const directory = await mkdtemp(join(tmpdir(), 'alma-file-'));
      return {
        adapter: await FileAdapter.open({ directory }),
        reopen: () => FileAdapter.open({ directory }),
        destroy: () => rm(directory, { recursive: true, force: true }),
      };
    },
  };
}
