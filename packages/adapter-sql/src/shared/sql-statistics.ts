import type { Kind } from '@alma/core';

/** Rows written since the last ANALYZE that call for another: at least this many, or half the table. */
export const ANALYSE_AFTER_ROWS = 1_000;

/**
 * When a kind's planner statistics are due again. Both databases analyse on their own schedule
 * (autovacuum, `PRAGMA optimize`) long after a bulk load; until then the planner believes the
 * table empty and picks plans that read every row (decisions 090, 091).
 */
export class StatisticsSchedule {
  /** Per kind: rows written since this process last analysed the table, and the rows written before. */
  private readonly seen = new Map<Kind, { written: number; analysed: number }>();

  /** Records a committed write; true when the table should be analysed now. */
  written(kind: Kind, rows: number): boolean {
    const seen = this.seen.get(kind) ?? { written: 0, analysed: 0 };
    const written = seen.written + rows;
    const due = written >= Math.max(ANALYSE_AFTER_ROWS, seen.analysed / 2);
    this.seen.set(
      kind,
      due ? { written: 0, analysed: seen.analysed + written } : { written, analysed: seen.analysed },
    );
    return due;
  }
}
