import { ScoreHeap } from './score-heap.js';

/**
 * The k best items by score, for callers holding items rather than rows of a block: a thin layer
 * over the one top-k heap (`ScoreHeap`), keeping only the items still in it, so a stream of any
 * length costs memory for k. Ties go to `tieBreak`'s first item (negative: a first), else to the
 * item offered first, so results are the same whatever order the items come in.
 */
export class TopItems<T> {
  private readonly items = new Map<number, T>();
  private readonly heap: ScoreHeap;
  private offered = 0;

  constructor(k: number, tieBreak?: (a: T, b: T) => number) {
    this.heap = tieBreak
      ? new ScoreHeap(k, (a, b) => tieBreak(this.items.get(a) as T, this.items.get(b) as T) < 0)
      : new ScoreHeap(k);
  }

  offer(item: T, score: number): void {
    const row = this.offered++;
    this.items.set(row, item);
    const left = this.heap.offer(row, score);
    if (left >= 0) this.items.delete(left);
  }

  /** Best first. */
  results(): { item: T; score: number }[] {
    return this.heap.results().map(({ row, score }) => ({ item: this.items.get(row) as T, score }));
  }
}
