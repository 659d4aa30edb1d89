import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HashingEmbedder } from '@alma/engine';
import type { BenchSuite, BenchTable } from '../../bench-suite.js';
import { quantile } from '../../measure.js';
import { BENCH_PROJECT, loadMemories } from '../engine/engine-dataset.js';
import { startServerProcess } from '../server/server-process.js';
import { sqliteTarget } from '../sql/sql-bench-targets.js';
import { bundleSize } from './bundle-size.js';
import { measureOverview, type OverviewPaint, withBrowser } from './overview-paint.js';

const EXPLORER_DIST = fileURLToPath(new URL('../../../../explorer/dist/', import.meta.url));
const PAINT_TARGET_MS = 1_000;
const BUNDLE_TARGET_BYTES = 300 * 1_024;

/**
 * `pnpm bench explorer`: how fast the explorer's overview paints over a seeded SQLite store, in
 * Debian's Chromium against `alma serve` in its own process, and how big its bundle is.
 */
export const explorerSuite: BenchSuite = {
  name: 'explorer',
  description: 'the explorer at /ui: first meaningful paint of the overview, and the bundle size',
  async run({ quick }) {
    if (!existsSync(EXPLORER_DIST)) {
      throw new Error(`${EXPLORER_DIST} is missing: build it first (pnpm --filter @alma/explorer build)`);
    }
    const perKind = quick ? 2_000 : 10_000;
    const loads = quick ? 3 : 7;
    const size = await bundleSize(EXPLORER_DIST);
    const target = await sqliteTarget();
    try {
      const embedder = new HashingEmbedder(384);
      const { store } = await target.openStore(embedder.dimension);
      try {
        await loadMemories(store, embedder, perKind, Date.now());
      } finally {
        await store.close();
      }
      const server = await startServerProcess([
        '--store',
        `sqlite:${target.location}`,
        '--port',
        '0',
        '--insecure-local',
        '--project',
        BENCH_PROJECT,
        '--ui',
        EXPLORER_DIST,
        '--log-level',
        'warn',
      ]);
      let paints: OverviewPaint[];
      try {
        paints = await withBrowser(async (browser) => {
          // The first load warms the server (statements, the vector index), as any session's would.
          await measureOverview(browser, server.url);
          const measured: OverviewPaint[] = [];
          for (let i = 0; i < loads; i++) measured.push(await measureOverview(browser, server.url));
          return measured;
        });
      } finally {
        await server.stop();
      }
      const p50 = (pick: (paint: OverviewPaint) => number) => quantile(paints.map(pick), 0.5);
      const figures = {
        perKind,
        loads,
        'overview.fcp_p50_ms': p50((p) => p.fcpMs),
        'overview.lcp_p50_ms': p50((p) => p.lcpMs),
        'overview.ready_p50_ms': p50((p) => p.readyMs),
        'bundle.js_bytes': size.jsBytes,
        'bundle.js_gzip_bytes': size.jsGzipBytes,
        'bundle.css_gzip_bytes': size.cssGzipBytes,
      };
      const met = (value: number, limit: number) => (value <= limit ? 'met' : 'MISSED');
      const ready = figures['overview.ready_p50_ms'];
      const table: BenchTable = {
        title: `Explorer over SQLite with ${perKind.toLocaleString('en')} memories per kind (${loads} cold loads)`,
        columns: ['measure', 'p50', 'target', ''],
        rows: [
          ['first contentful paint (ms)', figures['overview.fcp_p50_ms'], '', ''],
          ['largest contentful paint (ms)', figures['overview.lcp_p50_ms'], '', ''],
          ['overview with counts and chart (ms)', ready, `≤ ${PAINT_TARGET_MS}`, met(ready, PAINT_TARGET_MS)],
          [
            'JavaScript, gzipped (kB)',
            size.jsGzipBytes / 1_024,
            `≤ ${BUNDLE_TARGET_BYTES / 1_024}`,
            met(size.jsGzipBytes, BUNDLE_TARGET_BYTES),
          ],
          ['CSS, gzipped (kB)', size.cssGzipBytes / 1_024, '', ''],
        ],
        notes: [
          'times from navigation start, read from the browser’s performance timeline (paint entries, largest-contentful-paint, performance.now())',
          'each load in a fresh browser context (cold cache) after one warm-up load; alma serve --insecure-local in its own process',
          'the overview reads stats, agents and 30 days of activity (outcomes and lessons per day and agent)',
        ],
      };
      return { suite: 'explorer', quick, tables: [table], figures };
    } finally {
      await target.dispose();
    }
  },
};
