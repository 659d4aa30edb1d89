/** A table as printed: one header row, then rows of already formatted cells. */
export interface BenchTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** Lines printed under the table: what a ratio means, what the target is. */
  readonly notes?: readonly string[];
}

/** What one suite run produced: tables for people, and the same figures keyed for machines. */
export interface BenchReport {
  readonly suite: string;
  readonly quick: boolean;
  readonly tables: readonly BenchTable[];
  readonly figures: Readonly<Record<string, number | string | boolean>>;
}

export interface BenchOptions {
  /** The smaller sizes only: for CI smoke runs and quick checks. */
  readonly quick: boolean;
}

export interface BenchSuite {
  readonly name: string;
  readonly description: string;
  run(options: BenchOptions): Promise<BenchReport>;
}
