import { FIGURES, type PeerFigures, ratioOf } from './peer-figures.js';
import { BASELINES, PEERS } from './peer-systems.js';
import type { DatasetShape } from './peers-dataset.js';

/** A peer is compared at a configuration that reaches this recall@10, filtered and unfiltered, when it has one. */
export const RECALL_TARGET = 0.95;

/** Every system's medians over the rounds on one data set, by system key. */
export interface DatasetResult {
  readonly shape: DatasetShape;
  readonly size: number;
  readonly systems: ReadonlyMap<string, PeerFigures>;
  /** Rounds each system ran: fewer for a configuration found out of reach in round 1. */
  readonly rounds: ReadonlyMap<string, number>;
}

/** One peer against one ALMA store on one data set: a ratio per figure, in FIGURES order. */
export interface Comparison {
  readonly peer: string;
  readonly baseline: string;
  readonly shape: DatasetShape;
  readonly size: number;
  /** The system key the peer was compared as. */
  readonly configuration: string;
  readonly reachesTarget: boolean;
  readonly ratios: readonly number[];
}

const worstRecall = (figures: PeerFigures) => Math.min(figures.recall, figures.recallFiltered);

function figuresIn(systems: ReadonlyMap<string, PeerFigures>, key: string): PeerFigures {
  const figures = systems.get(key);
  if (!figures) throw new Error(`no figures for ${key}`);
  return figures;
}

/**
 * The configuration a team would ship: the fastest (filtered plus unfiltered p50) of those reaching
 * RECALL_TARGET; when none does, the one with the best worse-of-both recall, flagged as missing it.
 */
export function chooseConfiguration(
  systems: ReadonlyMap<string, PeerFigures>,
  configurations: readonly string[],
): { key: string; reachesTarget: boolean } {
  const candidates = configurations.map((key) => ({ key, figures: figuresIn(systems, key) }));
  const passing = candidates.filter(({ figures }) => worstRecall(figures) >= RECALL_TARGET);
  if (passing.length > 0) {
    const speed = ({ figures }: (typeof candidates)[number]) => figures.searchP50Ms + figures.filteredP50Ms;
    const fastest = passing.reduce((best, candidate) => (speed(candidate) < speed(best) ? candidate : best));
    return { key: fastest.key, reachesTarget: true };
  }
  const closest = candidates.reduce((best, candidate) =>
    worstRecall(candidate.figures) > worstRecall(best.figures) ? candidate : best,
  );
  return { key: closest.key, reachesTarget: false };
}

/**
 * Configurations that can never be chosen: they miss RECALL_TARGET while another configuration of the
 * same peer reaches it. Measured once, they are left out of the later rounds to keep the run short.
 */
export function outOfReach(systems: ReadonlyMap<string, PeerFigures>): string[] {
  return PEERS.flatMap((peer) => {
    const configurations = measured(systems, peer.configurations);
    const reaching = configurations.filter((key) => worstRecall(figuresIn(systems, key)) >= RECALL_TARGET);
    return reaching.length === 0 ? [] : configurations.filter((key) => !reaching.includes(key));
  });
}

/** The configurations of a peer that ran on this data set (some are left out of large ones). */
export function measured(
  systems: ReadonlyMap<string, PeerFigures>,
  configurations: readonly string[],
): string[] {
  return configurations.filter((key) => systems.has(key));
}

export function compare(results: readonly DatasetResult[]): Comparison[] {
  return results.flatMap((result) =>
    PEERS.filter((peer) => measured(result.systems, peer.configurations).length > 0).flatMap((peer) => {
      const chosen = chooseConfiguration(result.systems, measured(result.systems, peer.configurations));
      const peerFigures = figuresIn(result.systems, chosen.key);
      return BASELINES.map((baseline) => {
        const alma = figuresIn(result.systems, baseline.key);
        return {
          peer: peer.name,
          baseline: baseline.name,
          shape: result.shape,
          size: result.size,
          configuration: chosen.key,
          reachesTarget: chosen.reachesTarget,
          ratios: FIGURES.map((spec) => ratioOf(spec, alma, peerFigures)),
        };
      });
    }),
  );
}
