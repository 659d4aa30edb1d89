import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LANCEDB_SETTINGS } from '@alma/vector';
import type { BenchReport, BenchSuite, BenchTable } from '../../bench-suite.js';
import { measureScanFloor, type ScanVersusFloor } from './bandwidth-floor.js';
import { vectorChart } from './vector-chart.js';
import { BENCH_DIMENSION, makeDataset } from './vector-dataset.js';
import { type EngineFigures, LANCE_VARIANTS, runExact, runLance, warmUp } from './vector-engines.js';
import { groundTruth } from './vector-ground-truth.js';

const CHART_DIRECTORY = fileURLToPath(new URL('../../../../../docs/benchmarks/', import.meta.url));
const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** `pnpm bench vector`: recall, latency, writes and the kernel's bandwidth ratio, side by side. */
export const vectorSuite: BenchSuite = {
  name: 'vector',
  description: `exact kernel vs LanceDB flat vs LanceDB ANN on clustered ${BENCH_DIMENSION}-d data`,
  async run({ quick }): Promise<BenchReport> {
    const sizes = quick ? [10_000] : [10_000, 100_000];
    const queryCount = quick ? 50 : 100;
    const runs: EngineFigures[] = [];
    const floors = new Map<number, ScanVersusFloor>();
    for (const size of sizes) {
      const dataset = makeDataset(size, queryCount);
      const truth = groundTruth(dataset, 10);
      if (size === sizes[0]) await warmUp(dataset);
      floors.set(size, measureScanFloor(dataset.block, BENCH_DIMENSION, dataset.queries[0]!, 15));
      runs.push(await runExact(dataset, truth));
      for (const variant of LANCE_VARIANTS) {
        if (variant.fullOnly && quick) continue;
        runs.push(...(await runLance(variant, dataset, truth)));
      }
    }
    const tables = [searchTable(runs), writeTable(runs), ratioTable(runs, floors, sizes)];
    const subtitle = `seed fixed, ${sizes.map((size) => `${size / 1000}k`).join(' and ')} rows, ${queryCount} queries, k=10, ${cpus().length} cores${quick ? ', quick' : ''}`;
    const chart = `${CHART_DIRECTORY}${quick ? 'vector-quick.svg' : 'vector.svg'}`;
    await mkdir(dirname(chart), { recursive: true });
    await writeFile(
      chart,
      vectorChart(
        runs.filter((run) => run.charted),
        subtitle,
      ),
    );
    return {
      suite: 'vector',
      quick,
      tables: [...tables, chartNote(chart)],
      figures: figuresOf(runs, floors, sizes),
    };
  },
};

function searchTable(runs: readonly EngineFigures[]): BenchTable {
  return {
    title: 'search: recall@10 against the exact kernel, latency per query',
    columns: ['rows', 'engine', 'index', 'filter', 'recall@10', 'p50 ms', 'p95 ms'],
    rows: runs.flatMap((run) =>
      run.search.map((search) => [
        run.size,
        run.engine,
        run.ann,
        search.filtered ? '~10%' : 'none',
        round(search.recall, 3),
        round(search.p50Ms, 2),
        round(search.p95Ms, 2),
      ]),
    ),
    notes: [
      `defaults: hnsw-sq m=${hnsw().m} ef_construction=${hnsw().efConstruction}, query ef=${hnsw().ef} refine=${hnsw().refineFactor}, overfetch ${DEFAULT_LANCEDB_SETTINGS.overfetch}; ivf-pq nprobes=20 refine=10`,
      'target: recall@10 ≥ 0.95 filtered and unfiltered at 100k for the default',
    ],
  };
}

function writeTable(runs: readonly EngineFigures[]): BenchTable {
  return {
    title: 'writes: upsert throughput (batches of 1,000), optimize (incl. ANN build), single-row delete',
    columns: ['rows', 'engine', 'insert rows/s', 'optimize s', 'delete p50 ms'],
    rows: runs.flatMap((run) =>
      run.writes
        ? [
            [
              run.size,
              run.engine,
              Math.round(run.writes.insertRowsPerSecond),
              run.writes.optimizeSeconds === null ? '-' : round(run.writes.optimizeSeconds, 2),
              round(run.writes.deleteP50Ms, 3),
            ],
          ]
        : [],
    ),
  };
}

/** p50 delete of an engine at a size; NaN when it was not measured. */
function deleteAt(runs: readonly EngineFigures[], engine: string, size: number): number {
  return runs.find((run) => run.engine === engine && run.size === size)?.writes?.deleteP50Ms ?? Number.NaN;
}

/** Engines whose writes were measured (knob variants share their engine's writes). */
function writingEngines(runs: readonly EngineFigures[]): string[] {
  return [...new Set(runs.filter((run) => run.writes).map((run) => run.engine))];
}

function ratioTable(
  runs: readonly EngineFigures[],
  floors: ReadonlyMap<number, ScanVersusFloor>,
  sizes: readonly number[],
): BenchTable {
  const rows: (string | number)[][] = [];
  for (const [size, floor] of floors) {
    rows.push([
      `exact scan / streaming sum @ ${size / 1000}k`,
      round(floor.scanMs, 2),
      round(floor.floorMs, 2),
      round(floor.ratio, 2),
    ]);
  }
  if (sizes.length > 1) {
    const [small, large] = sizes as [number, number];
    for (const engine of writingEngines(runs)) {
      const at = (size: number) => deleteAt(runs, engine, size);
      rows.push([
        `delete ${engine} @ ${large / 1000}k / ${small / 1000}k`,
        round(at(large), 3),
        round(at(small), 3),
        round(at(large) / at(small), 2),
      ]);
    }
  }
  const floor = floors.get(sizes.at(-1)!)!;
  return {
    title: 'ratios',
    columns: ['measure', 'a ms', 'b ms', 'a / b'],
    rows,
    notes: [
      `streaming sum reads ${floor.gigabytesPerSecond.toFixed(1)} GB/s here; the scan adds a multiply, query loads and top-k selection`,
      'targets: delete at 100k within 1.5x of 10k; exact scan close to the streaming-sum floor',
    ],
  };
}

function chartNote(path: string): BenchTable {
  return { title: 'chart', columns: ['file'], rows: [[path]] };
}

function hnsw() {
  const ann = DEFAULT_LANCEDB_SETTINGS.ann;
  if (ann.type !== 'hnsw-sq') throw new Error('the default ANN index is expected to be hnsw-sq');
  return ann;
}

function figuresOf(
  runs: readonly EngineFigures[],
  floors: ReadonlyMap<number, ScanVersusFloor>,
  sizes: readonly number[],
) {
  const figures: Record<string, number | string | boolean> = {};
  const slug = (engine: string) =>
    engine
      .replace(/\s*\(.*\)/, '')
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/-$/, '')
      .toLowerCase();
  for (const run of runs) {
    const key = `${slug(run.engine)}.${run.size}`;
    figures[`${key}.index`] = run.ann;
    if (run.writes) {
      figures[`${key}.insert_rows_per_s`] = Math.round(run.writes.insertRowsPerSecond);
      if (run.writes.optimizeSeconds !== null)
        figures[`${key}.optimize_s`] = round(run.writes.optimizeSeconds, 3);
      figures[`${key}.delete_p50_ms`] = round(run.writes.deleteP50Ms, 4);
    }
    for (const search of run.search) {
      const filter = search.filtered ? 'filtered' : 'unfiltered';
      figures[`${key}.${filter}.recall_at_10`] = round(search.recall, 4);
      figures[`${key}.${filter}.p50_ms`] = round(search.p50Ms, 3);
      figures[`${key}.${filter}.p95_ms`] = round(search.p95Ms, 3);
    }
  }
  for (const [size, floor] of floors) {
    figures[`exact-scan.${size}.scan_ms`] = round(floor.scanMs, 3);
    figures[`exact-scan.${size}.floor_ms`] = round(floor.floorMs, 3);
    figures[`exact-scan.${size}.ratio`] = round(floor.ratio, 3);
  }
  if (sizes.length > 1) {
    const [small, large] = sizes as [number, number];
    for (const engine of writingEngines(runs)) {
      const at = (size: number) => deleteAt(runs, engine, size);
      figures[`${slug(engine)}.delete_ratio_${large}_over_${small}`] = round(at(large) / at(small), 3);
    }
  }
  return figures;
}
