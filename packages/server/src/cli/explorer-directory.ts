import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The explorer's build in this repository (apps/explorer/dist), seen from this file in src/cli/ or
 * dist/cli/ alike; null when it is not built or the server runs outside the repository (pass --ui).
 */
export function defaultExplorerDirectory(): string | null {
  const directory = fileURLToPath(new URL('../../../../apps/explorer/dist/', import.meta.url));
  return existsSync(resolve(directory, 'index.html')) ? directory : null;
}
