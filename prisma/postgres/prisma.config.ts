// Prisma's own CLI on ALMA's PostgreSQL migrations, where its schema engine is available:
//   DATABASE_URL=postgres://… npx prisma migrate status --config node_modules/@alma/adapter-sql/prisma/postgres/prisma.config.ts
// It reads and writes the same _prisma_migrations table as `alma db migrate|status` (docs/migrations.md).
// Prisma is imported for its types only: this file ships inside @alma/adapter-sql, where `prisma`
// may not resolve at run time.
import type { PrismaConfig } from 'prisma/config';

const url = process.env.DATABASE_URL;

export default {
  // Relative to this file, so the same config works in the repository and in the installed package.
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  // Not env('DATABASE_URL'): that throws when the variable is unset, which would break commands that
  // need no database (validate, format); migrate commands say themselves that the URL is missing.
  ...(url ? { datasource: { url } } : {}),
} satisfies PrismaConfig;
