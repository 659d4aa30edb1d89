/** True when row a ranks before row b at equal score. */
export type TieOrder = (a: number, b: number) => boolean;

const LOWER_ROW_FIRST: TieOrder = (a, b) => a < b;

/** One result of a top-k selection: a row of the scanned block and its score. */
export interface KernelHit {
  readonly row: number;
  readonly score: number;
}

/**
 * The k best (row, score) pairs seen so far, in a bounded min-heap over typed arrays: partial
 * selection in O(n log k) with no allocation per offer, so a scan over a block stays a scan.
 */
export class ScoreHeap {
  private readonly scores: Float64Array;
  private readonly rows: Int32Array;
  private size = 0;

  constructor(
    private readonly k: number,
    private readonly before: TieOrder = LOWER_ROW_FIRST,
  ) {
    this.scores = new Float64Array(k);
    this.rows = new Int32Array(k);
  }

  /** The score a new row must reach to be kept; -Infinity until the heap is full. */
  get threshold(): number {
    return this.size < this.k ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  /** Offers a row; returns the row this leaves out (the offered one or an evicted one), or -1. */
  offer(row: number, score: number): number {
    if (this.size < this.k) {
      this.scores[this.size] = score;
      this.rows[this.size] = row;
      this.siftUp(this.size++);
      return -1;
    }
    if (this.k > 0 && this.ranksBelow(this.scores[0]!, this.rows[0]!, score, row)) {
      const evicted = this.rows[0]!;
      this.scores[0] = score;
      this.rows[0] = row;
      this.siftDown(0);
      return evicted;
    }
    return row;
  }

  /** The kept pairs, best first; sorting k items, never the n scanned. */
  results(): KernelHit[] {
    const hits: KernelHit[] = [];
    for (let i = 0; i < this.size; i++) hits.push({ row: this.rows[i]!, score: this.scores[i]! });
    return hits.sort((a, b) => (this.ranksBelow(a.score, a.row, b.score, b.row) ? 1 : -1));
  }

  /** (sa, ra) ranks below (sb, rb): a lower score, or an equal score and b first in tie order. */
  private ranksBelow(sa: number, ra: number, sb: number, rb: number): boolean {
    return sa < sb || (sa === sb && this.before(rb, ra));
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.ranksBelow(this.scores[i]!, this.rows[i]!, this.scores[parent]!, this.rows[parent]!)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.size && this.below(left, worst)) worst = left;
      if (right < this.size && this.below(right, worst)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private below(a: number, b: number): boolean {
    return this.ranksBelow(this.scores[a]!, this.rows[a]!, this.scores[b]!, this.rows[b]!);
  }

  private swap(a: number, b: number): void {
    const score = this.scores[a]!;
    const row = this.rows[a]!;
    this.scores[a] = this.scores[b]!;
    this.rows[a] = this.rows[b]!;
    this.scores[b] = score;
    this.rows[b] = row;
  }
}
