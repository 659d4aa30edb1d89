import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CorruptDataError } from '@alma/core';

/** Folder of each provider under `prisma/`, as in the repository and the schema files. */
export type SchemaProvider = 'postgres' | 'sqlite';

/**
 * The migrations shipped with ALMA for `provider`: the nearest `prisma/<provider>/migrations` above
 * this module, so the same code finds them from `src/` (tests), `dist/` and an installed package.
 */
export function packagedMigrationsDirectory(provider: SchemaProvider): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let directory = start; ; directory = dirname(directory)) {
    const candidate = join(directory, 'prisma', provider, 'migrations');
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) {
      throw new CorruptDataError(`no prisma/${provider}/migrations folder above ${start}`);
    }
  }
}
