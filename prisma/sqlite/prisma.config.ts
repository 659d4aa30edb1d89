// Prisma's own CLI on ALMA's SQLite migrations, where its schema engine is available:
//   DATABASE_URL=file:./.alma/alma.db npx prisma migrate status --config node_modules/@alma/adapter-sql/prisma/sqlite/prisma.config.ts
// It reads and writes the same _prisma_migrations table as `alma db migrate|status` (docs/migrations.md).
// Prisma is imported for its types only: this file ships inside @alma/adapter-sql, where `prisma`
// may not resolve at run time.
import { isAbsolute, resolve } from 'node:path';
import type { PrismaConfig } from 'prisma/config';

const url = process.env.DATABASE_URL;

export default {
  // Relative to this file, so the same config works in the repository and in the installed package.
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  // Not env('DATABASE_URL'): that throws when the variable is unset, which would break commands that
  // need no database (validate, format); migrate commands say themselves that the URL is missing.
  ...(url ? { datasource: { url: fromCurrentDirectory(url) } } : {}),
} satisfies PrismaConfig;

/**
 * Prisma runs its schema engine in this file's folder, so `file:./alma.db` would name a database
 * inside node_modules (and `migrate deploy` would create it there). A relative path is resolved
 * against the current directory instead, as `alma --store sqlite:./alma.db` does.
 */
function fromCurrentDirectory(sqliteUrl: string): string {
  const [, path, query = ''] = sqliteUrl.match(/^file:([^?]+)(.*)$/) ?? [];
  if (path === undefined || isAbsolute(path)) return sqliteUrl;
  return `file:${resolve(path)}${query}`;
}
