// This app keeps its own Prisma migrations in prisma/sqlite/migrations, where ALMA used to look for
// its own. ALMA must apply its own migrations only, from inside @alma/adapter-sql, and leave the
// app's folder and tables alone. Prints one JSON line that the consumer check asserts on.
import { migrationStatus, SqlAdapter } from '@alma/adapter-sql';
import { MemoryStore } from '@alma/core';

const file = 'data/alma.db';
const store = await MemoryStore.open(await SqlAdapter.open({ dialect: 'sqlite', file }), { dimension: 8 });
const stored = await store.heuristics.put({ projectId: 'app', agent: 'a', condition: 'c', strategy: 's' });
await store.close();
const status = await migrationStatus({ provider: 'sqlite', file });
console.log(
  JSON.stringify({ applied: status.applied, unknown: status.unknown, stored: stored.id.length > 0 }),
);
