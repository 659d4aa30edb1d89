import { quantile } from '../../measure.js';

/** What one cycle of one system on one data set measured. */
export interface PeerFigures {
  readonly insertPerSec: number;
  readonly searchP50Ms: number;
  readonly searchP95Ms: number;
  readonly filteredP50Ms: number;
  readonly filteredP95Ms: number;
  readonly recall: number;
  readonly recallFiltered: number;
  /** Mean of a few point deletes. */
  readonly deleteIdMs: number;
  /** Deleting one agent's records (about 10%). */
  readonly deleteFilterMs: number;
}

/** How a figure is named, shown and compared. */
export interface FigureSpec {
  readonly name: keyof PeerFigures;
  /** Its name in the ratio keys. */
  readonly ratio: string;
  readonly column: string;
  /** Rates and recall: ALMA's over the peer's. Times: the peer's over ALMA's. Either way above 1 = ALMA ahead. */
  readonly higherIsBetter: boolean;
}

export const FIGURES: readonly FigureSpec[] = [
  { name: 'insertPerSec', ratio: 'insert', column: 'insert rec/s', higherIsBetter: true },
  { name: 'searchP50Ms', ratio: 'searchP50', column: 'p50 ms', higherIsBetter: false },
  { name: 'searchP95Ms', ratio: 'searchP95', column: 'p95 ms', higherIsBetter: false },
  { name: 'filteredP50Ms', ratio: 'filteredP50', column: 'filtered p50 ms', higherIsBetter: false },
  { name: 'filteredP95Ms', ratio: 'filteredP95', column: 'filtered p95 ms', higherIsBetter: false },
  { name: 'recall', ratio: 'recall', column: 'recall@10', higherIsBetter: true },
  { name: 'recallFiltered', ratio: 'recallFiltered', column: 'recall@10 filtered', higherIsBetter: true },
  { name: 'deleteIdMs', ratio: 'deleteById', column: 'delete id ms', higherIsBetter: false },
  { name: 'deleteFilterMs', ratio: 'deleteByFilter', column: 'delete filter ms', higherIsBetter: false },
];

/** Each figure's median over the rounds, taken figure by figure. */
export function medianFigures(rounds: readonly PeerFigures[]): PeerFigures {
  const median = (name: keyof PeerFigures) =>
    quantile(
      rounds.map((round) => round[name]),
      0.5,
    );
  return {
    insertPerSec: median('insertPerSec'),
    searchP50Ms: median('searchP50Ms'),
    searchP95Ms: median('searchP95Ms'),
    filteredP50Ms: median('filteredP50Ms'),
    filteredP95Ms: median('filteredP95Ms'),
    recall: median('recall'),
    recallFiltered: median('recallFiltered'),
    deleteIdMs: median('deleteIdMs'),
    deleteFilterMs: median('deleteFilterMs'),
  };
}

/** Above 1 means ALMA is ahead on this figure. */
export function ratioOf(spec: FigureSpec, alma: PeerFigures, peer: PeerFigures): number {
  return spec.higherIsBetter ? alma[spec.name] / peer[spec.name] : peer[spec.name] / alma[spec.name];
}
