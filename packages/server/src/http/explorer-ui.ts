import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The explorer's pages run no inline script or style and talk to this origin only. */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the explorer (apps/explorer's build) at `/ui` from the same origin as the API, with a
 * strict Content-Security-Policy. Files are read from `directory` only: a path that leaves it (`..`,
 * a link out) is a 404. Paths that are not files are the app's own routes: they get index.html.
 * Hashed assets are cached for good; index.html never, so a new build is picked up at once.
 */
export function registerExplorerUi(app: FastifyInstance, directory: string | null): void {
  const open = { config: { public: true } };
  app.get('/ui', open, async (_request, reply) => reply.redirect('/ui/', 302));
  app.get('/ui/*', open, async (request, reply) => {
    reply.header('content-security-policy', EXPLORER_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (directory === null) {
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send('The explorer is not built: run `pnpm --filter @alma/explorer build`, or pass --ui <dir>.');
    }
    const wanted = decodeURIComponent((request.params as { '*': string })['*'] ?? '');
    const file = (await fileWithin(directory, wanted)) ?? (await fileWithin(directory, 'index.html'));
    if (file === null) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const immutable = file.includes(`${sep}assets${sep}`);
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.type(type).send(await readFile(file));
  });
}

/** The real path of a file inside `root`, or null when it is missing, not a file, or outside. */
async function fileWithin(root: string, relative: string): Promise<string | null> {
  if (relative === '' || relative.includes('\0')) return null;
  try {
    const base = await realpath(root);
    const path = await realpath(join(base, relative));
    if (!path.startsWith(`${base}${sep}`)) return null;
    return (await stat(path)).isFile() ? path : null;
  } catch {
    return null;
  }
}
