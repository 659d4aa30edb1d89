// Copies the repository's prisma/<provider> folders (schema, prisma.config.ts, migrations) into
// this package, so that the migrations travel inside its tarball and are found relative to the
// package itself, in the workspace and in an installed copy alike. prisma/ at the repository root
// stays the one place they are authored; the copy is rebuilt whole, so a removed file goes too.
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../../../prisma/', import.meta.url));
const target = fileURLToPath(new URL('../prisma/', import.meta.url));
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
