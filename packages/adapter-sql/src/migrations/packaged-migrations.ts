import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CorruptDataError } from '@alma/core';

/** Folder of each provider under `prisma/`, as in the repository and the schema files. */
export type SchemaProvider = 'postgres' | 'sqlite';

// `src/migrations/` and `dist/migrations/` both sit two levels below the package root, which holds
// the shipped `prisma/` folder (scripts/ship-prisma-folder.mjs). Nothing above the package is read:
// an app's own prisma/ folder must never be taken for ALMA's.
const packageRoot = new URL('../../', import.meta.url);

/** The migrations shipped inside `@alma/adapter-sql` for `provider`. */
export function packagedMigrationsDirectory(provider: SchemaProvider): string {
  const directory = fileURLToPath(new URL(`prisma/${provider}/migrations`, packageRoot));
  if (!existsSync(directory)) {
    throw new CorruptDataError(
      `@alma/adapter-sql is missing its ${provider} migrations at ${directory}: reinstall the package`,
    );
  }
  return directory;
}
