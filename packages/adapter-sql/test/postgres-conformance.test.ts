import { migrate, openPostgresAdapter } from '@alma/adapter-sql';
import { defineCapabilities } from '@alma/core';
import { describeConformance } from '@alma/core/testing';
import { createPostgresTestDatabase, type PostgresTestDatabase } from './support/postgres-database.js';

/** Migrated once; every store of the suite starts as a copy of it. */
let template: PostgresTestDatabase;

describeConformance({
  name: 'postgres',
  capabilities: defineCapabilities({
    vectorSearch: 'approximate',
    textSearch: true,
    atomicBatch: true,
    persistent: true,
    multiProcess: true,
  }),
  async setup() {
    template = await createPostgresTestDatabase('alma_template');
    await migrate({ provider: 'postgres', connectionString: template.connectionString });
  },
  async teardown() {
    await template.drop();
  },
  async create() {
    const database = await createPostgresTestDatabase('alma_conformance', { template: template.name });
    const open = () => openPostgresAdapter({ connectionString: database.connectionString, poolSize: 4 });
    return { adapter: await open(), reopen: open, destroy: () => database.drop() };
  },
});
