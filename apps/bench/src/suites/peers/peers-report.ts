import type { BenchTable } from '../../bench-suite.js';
import { BENCH_DIMENSION } from '../vector/vector-dataset.js';
import { DELETES, K } from './peer-cycle.js';
import { FIGURES } from './peer-figures.js';
import type { PeerSystem } from './peer-system.js';
import { PEERS } from './peer-systems.js';
import {
  type Comparison,
  chooseConfiguration,
  type DatasetResult,
  measured,
  RECALL_TARGET,
} from './peers-comparison.js';
import { FILTER_AGENT } from './peers-dataset.js';

/** What the tables say about a system: its names and settings. */
export type SystemDescription = Pick<PeerSystem, 'key' | 'label' | 'configuration' | 'maxRecords'>;

/** How the run was made, for the notes and the JSON. */
export interface RunShape {
  readonly rounds: number;
  readonly queries: number;
  readonly warmups: number;
}

const precise = (value: number) => Number(value.toPrecision(6));
const sizeKey = (result: { shape: string; size: number }) => `${result.shape}.n${result.size}`;

function labelOf(systems: readonly SystemDescription[], key: string): string {
  return systems.find((system) => system.key === key)?.label ?? key;
}

/** One table of medians per data set and size. */
export function figureTables(
  results: readonly DatasetResult[],
  systems: readonly SystemDescription[],
  run: RunShape,
): BenchTable[] {
  return results.map((result) => ({
    title: `${result.shape} ${BENCH_DIMENSION}-d vectors, ${result.size.toLocaleString('en-US')} records: medians over ${run.rounds} rounds`,
    columns: ['system', ...FIGURES.map((spec) => spec.column)],
    rows: systems
      .filter((system) => result.systems.has(system.key))
      .map((system) => {
        const figures = result.systems.get(system.key)!;
        return [system.label, ...FIGURES.map((spec) => figures[spec.name])];
      }),
    notes: [
      `filtered: agent = ${FILTER_AGENT}, about 10% of the records; recall@${K} against an exact scan; ` +
        `${run.queries} queries after ${run.warmups} warm-ups; delete id: mean of ${DELETES} point deletes.`,
      ...PEERS.filter((peer) => measured(result.systems, peer.configurations).length > 1).map((peer) => {
        const chosen = chooseConfiguration(result.systems, measured(result.systems, peer.configurations));
        return `${peer.name} compared as ${labelOf(systems, chosen.key)}${
          chosen.reachesTarget ? '' : ` (no configuration reaches recall ${RECALL_TARGET}: the closest)`
        }.`;
      }),
      ...systems
        .filter((system) => !result.systems.has(system.key))
        .map((system) =>
          system.maxRecords !== undefined && result.size > system.maxRecords
            ? `${system.label}: not run at this size (${system.maxRecords.toLocaleString('en-US')} records at most).`
            : `${system.label}: not run at this size: recall below ${RECALL_TARGET} on the smaller set, where another configuration reached it.`,
        ),
      ...systems
        .filter(
          (system) => result.systems.has(system.key) && (result.rounds.get(system.key) ?? 0) < run.rounds,
        )
        .map(
          (system) =>
            `${system.label}: round 1 only: recall below ${RECALL_TARGET} where another configuration reached it.`,
        ),
    ],
  }));
}

/** One table of every peer against every ALMA store. */
export function ratioTable(
  comparisons: readonly Comparison[],
  systems: readonly SystemDescription[],
  run: RunShape,
): BenchTable {
  return {
    title: 'ratios: above 1 = ALMA ahead (peer time / ALMA time; ALMA rate or recall / peer rate or recall)',
    columns: ['peer', 'as', 'vs', 'data', 'records', ...FIGURES.map((spec) => spec.ratio)],
    rows: comparisons.map((comparison) => [
      comparison.peer,
      labelOf(systems, comparison.configuration),
      comparison.baseline,
      comparison.shape,
      comparison.size,
      ...comparison.ratios,
    ]),
    notes: [
      `Medians over ${run.rounds} rounds; each round runs every system in turn on a fresh database, the order ` +
        'rotated each round, all PostgreSQL systems on the same server.',
      'Every system stores and is queried with the same prepared unit vectors; no embedding model runs ' +
        "(LangGraph's embed hook returns the prepared vector of each text, mem0's vector store takes vectors).",
      `A peer with several configurations is compared at the fastest one reaching recall@${K} ≥ ${RECALL_TARGET}, ` +
        'filtered and unfiltered.',
      ...systems.map((system) => `${system.label}: ${system.configuration}.`),
    ],
  };
}

/** Every median, every ratio and every choice, keyed for machines. */
export function figuresOf(
  results: readonly DatasetResult[],
  comparisons: readonly Comparison[],
  systems: readonly SystemDescription[],
  run: RunShape,
): Record<string, number | string | boolean> {
  const figures: Record<string, number | string | boolean> = {
    rounds: run.rounds,
    queries: run.queries,
    k: K,
  };
  for (const system of systems) figures[`${system.key}.configuration`] = system.configuration;
  for (const result of results) {
    for (const [key, medians] of result.systems) {
      for (const spec of FIGURES)
        figures[`${key}.${sizeKey(result)}.${spec.name}`] = precise(medians[spec.name]);
      figures[`${key}.${sizeKey(result)}.rounds`] = result.rounds.get(key) ?? 0;
    }
  }
  for (const comparison of comparisons) {
    const at = `${comparison.peer}.${sizeKey(comparison)}`;
    figures[`${at}.comparedAs`] = comparison.configuration;
    figures[`${at}.reachesRecallTarget`] = comparison.reachesTarget;
    FIGURES.forEach((spec, i) => {
      figures[`ratio.${comparison.peer}.vs${comparison.baseline}.${sizeKey(comparison)}.${spec.ratio}`] =
        precise(comparison.ratios[i]!);
    });
  }
  return figures;
}
