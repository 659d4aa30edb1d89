import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteAdapter } from '@alma/adapter-sql';
import { defineCapabilities } from '@alma/core';
import { describeConformance } from '@alma/core/testing';

describeConformance({
  name: 'sqlite',
  capabilities: defineCapabilities({
    vectorSearch: 'approximate',
    textSearch: true,
    atomicBatch: true,
    persistent: true,
    multiProcess: false,
  }),
  async create() {
    const directory = await mkdtemp(join(tmpdir(), 'alma-sqlite-'));
    const file = join(directory, 'alma.db');
    const open = () => openSqliteAdapter({ file });
    return {
      adapter: await open(),
      reopen: open,
      destroy: () => rm(directory, { recursive: true, force: true }),
    };
  },
});
