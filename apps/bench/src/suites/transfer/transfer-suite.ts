import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSuite, BenchTable } from '../../bench-suite.js';
import { postgresTarget } from '../sql/sql-bench-targets.js';
import { runAlmaJson } from './transfer-cli.js';
import { writeDataset } from './transfer-dataset.js';

const DIMENSION = 128;
const MB = 1024 * 1024;
/**
 * V8 collects lazily: uncapped, a process's peak RSS keeps rising towards a limit set by the
 * machine's memory long after its live heap has levelled off, which hides whether a copy keeps
 * anything per record. Under a fixed cap a copy that did would fail; one that does not runs the same
 * at every size. The file store holds its records in memory by design, so pairs with it run uncapped.
 */
const HEAP_CAP_MB = 256;

interface CopyResult {
  readonly total: number;
  readonly recordsPerSecond: number;
  readonly copyMs: number;
  readonly peakRssBytes: number;
  readonly verification: { readonly ok: boolean } | null;
}

/** A backend a copy can start from or go to: a fresh store URL each time, and its clean-up. */
interface Backend {
  readonly name: string;
  fresh(): Promise<{ url: string; dispose: () => Promise<void> }>;
}

async function availableBackends(directory: string): Promise<{ backends: Backend[]; notes: string[] }> {
  let counter = 0;
  const local = (name: string, scheme: string): Backend => ({
    name,
    async fresh() {
      counter += 1;
      const path = join(directory, `${name}-${counter}${scheme === 'sqlite' ? '.db' : ''}`);
      // SQLite keeps its vector index, WAL and shared memory beside the database file.
      const paths = scheme === 'sqlite' ? [path, `${path}.vectors`, `${path}-wal`, `${path}-shm`] : [path];
      return {
        url: `${scheme}:${path}`,
        dispose: async () => {
          for (const each of paths) await rm(each, { recursive: true, force: true });
        },
      };
    },
  });
  const backends = [local('file', 'file'), local('sqlite', 'sqlite')];
  const notes: string[] = [];
  try {
    await (await postgresTarget()).dispose();
    backends.push({
      name: 'postgres',
      async fresh() {
        const target = await postgresTarget();
        return { url: target.location, dispose: () => target.dispose() };
      },
    });
  } catch (error) {
    notes.push(`postgres left out: ${(error as Error).message}`);
  }
  // A cosmos:// URL reaches a real account only (the in-process stand-in speaks plain HTTP).
  notes.push('cosmos left out: no account is reachable here (the stand-in cannot serve a cosmos:// URL)');
  return { backends, notes };
}

/**
 * `alma copy` between every pair of available backends at two sizes, each copy in a process of its
 * own: records per second of the copy, and the peak RSS of the whole command (copy and
 * verification). Bounded memory shows as an RSS ratio of about 1 between the sizes.
 */
export const transferSuite: BenchSuite = {
  name: 'transfer',
  description: 'alma copy between backends: records/s and peak RSS at two sizes (bounded memory: ratio ≈ 1)',
  async run({ quick }) {
    const [small, large] = quick ? [1_000, 10_000] : [10_000, 100_000];
    const directory = await mkdtemp(join(tmpdir(), 'alma-bench-transfer-'));
    const figures: Record<string, number | boolean> = {};
    try {
      const { backends, notes } = await availableBackends(directory);
      const results = new Map<string, Map<number, CopyResult>>();
      for (const size of [small, large]) {
        const dataset = join(directory, `dataset-${size}.ndjson`);
        await writeDataset(dataset, size, DIMENSION);
        const sources = new Map<string, { url: string; dispose: () => Promise<void> }>();
        for (const backend of backends) {
          const source = await backend.fresh();
          await runAlmaJson(['import', dataset, '--store', source.url]);
          sources.set(backend.name, source);
        }
        for (const from of backends) {
          for (const to of backends) {
            if (from === to) continue;
            const target = await to.fresh();
            try {
              const checkpoint = join(directory, 'copy.checkpoint.json');
              const capped = from.name !== 'file' && to.name !== 'file';
              const result = await runAlmaJson<CopyResult>(
                [
                  'copy',
                  '--from',
                  sources.get(from.name)!.url,
                  '--to',
                  target.url,
                  '--checkpoint',
                  checkpoint,
                ],
                capped ? HEAP_CAP_MB : undefined,
              );
              const pair = `${from.name}→${to.name}`;
              if (!results.has(pair)) results.set(pair, new Map());
              results.get(pair)!.set(size, result);
            } finally {
              await target.dispose();
            }
          }
        }
        for (const source of sources.values()) await source.dispose();
      }
      const rows: (string | number)[][] = [];
      for (const [pair, bySize] of results) {
        const a = bySize.get(small)!;
        const b = bySize.get(large)!;
        const ratio = b.peakRssBytes / a.peakRssBytes;
        const key = pair.replace('→', '_to_');
        figures[`${key}.recordsPerSecond.${small}`] = a.recordsPerSecond;
        figures[`${key}.recordsPerSecond.${large}`] = b.recordsPerSecond;
        figures[`${key}.peakRssMb.${small}`] = Math.round(a.peakRssBytes / MB);
        figures[`${key}.peakRssMb.${large}`] = Math.round(b.peakRssBytes / MB);
        figures[`${key}.rssRatio`] = Number(ratio.toFixed(2));
        figures[`${key}.verified`] = Boolean(a.verification?.ok && b.verification?.ok);
        rows.push([
          pair,
          a.recordsPerSecond,
          b.recordsPerSecond,
          Math.round(a.peakRssBytes / MB),
          Math.round(b.peakRssBytes / MB),
          Number(ratio.toFixed(2)),
          a.verification?.ok && b.verification?.ok ? 'yes' : 'NO',
        ]);
      }
      const table: BenchTable = {
        title: `alma copy, ${small.toLocaleString('en-US')} and ${large.toLocaleString('en-US')} memories (dimension ${DIMENSION}, 5 kinds × 10 projects)`,
        columns: [
          'pair',
          `rec/s ${small / 1000}k`,
          `rec/s ${large / 1000}k`,
          `peak RSS MB ${small / 1000}k`,
          `peak RSS MB ${large / 1000}k`,
          'RSS ratio',
          'verified',
        ],
        rows,
        notes: [
          'rec/s: records written per second of the copy phase; peak RSS: the whole `alma copy` process (copy and verification).',
          `Pairs without the file store run with V8's heap capped at ${HEAP_CAP_MB} MB (--max-old-space-size): memory kept per record would fail them.`,
          'RSS ratio: peak RSS at the larger size over the smaller; about 1 means memory does not grow with the data.',
          'The file store keeps its records in memory by design (decision 007), so pairs that open one grow with it.',
          ...notes,
        ],
      };
      return { suite: 'transfer', quick, tables: [table], figures };
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  },
};
