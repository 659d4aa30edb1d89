import { openPostgresAdapter } from '@alma/adapter-sql';
import { defineCapabilities } from '@alma/core';
import { describeConformance } from '@alma/core/testing';
import { createPostgresTestDatabase } from './support/postgres-database.js';

describeConformance({
  name: 'postgres',
  capabilities: defineCapabilities({
    vectorSearch: 'approximate',
    textSearch: true,
    atomicBatch: true,
    persistent: true,
    multiProcess: true,
  }),
  async create() {
    const database = await createPostgresTestDatabase('alma_conformance');
    const open = () => openPostgresAdapter({ connectionString: database.connectionString, poolSize: 4 });
    return { adapter: await open(), reopen: open, destroy: () => database.drop() };
  },
});
