import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, SqlAdapter } from '@alma/adapter-sql';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@alma/adapter-sql/testing';
import { defineCapabilities } from '@alma/core';
import type { ConformanceHarness } from '@alma/core/testing';
import { PostgresTemplateCopies } from './postgres-template-copies.js';

/** A fresh SQLite file (and LanceDB directory beside it) per store. */
export function sqliteHarness(): ConformanceHarness {
  return {
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
      const open = () => SqlAdapter.open({ dialect: 'sqlite', file: join(directory, 'alma.db') });
      return {
        adapter: await open(),
        reopen: open,
        destroy: () => rm(directory, { recursive: true, force: true }),
      };
    },
  };
}

/**
 * A fresh PostgreSQL database per store, copied from one migrated template (much faster than
 * migrating each), made ahead of the test that takes it and dropped behind it.
 */
export function postgresHarness(): ConformanceHarness {
  let template: PostgresTestDatabase;
  let copies: PostgresTemplateCopies;
  return {
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
      copies = new PostgresTemplateCopies(template.name);
    },
    async teardown() {
      await copies.close();
      await template.drop();
    },
    async create() {
      const database = await copies.take();
      const open = () =>
        SqlAdapter.open({ dialect: 'postgres', connectionString: database.connectionString, poolSize: 4 });
      return { adapter: await open(), reopen: open, destroy: async () => copies.drop(database) };
    },
  };
}
