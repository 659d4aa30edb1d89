/**
 * Keeps the k best items by score without sorting everything: a bounded min-heap, O(n log k).
 * Ties go to `tieBreak`'s first item (negative: a first), else to the item offered first, so
 * results are deterministic whatever order the items come in.
 */
export class TopK<T> {
  private readonly heap: { item: T; score: number; seq: number }[] = [];
  private seq = 0;

  constructor(
    private readonly k: number,
    private readonly tieBreak?: (a: T, b: T) => number,
  ) {}

  offer(item: T, score: number): void {
    const entry = { item, score, seq: this.seq++ };
    if (this.heap.length < this.k) {
      this.heap.push(entry);
      this.siftUp(this.heap.length - 1);
    } else if (this.k > 0 && this.worse(this.heap[0]!, entry)) {
      this.heap[0] = entry;
      this.siftDown(0);
    }
  }

  /** Best first. */
  results(): { item: T; score: number }[] {
    return [...this.heap]
      .sort((a, b) => (this.worse(a, b) ? 1 : -1))
      .map(({ item, score }) => ({ item, score }));
  }

  /** a ranks below b: lower score, or an equal score that loses the tie. */
  private worse(
    a: { item: T; score: number; seq: number },
    b: { item: T; score: number; seq: number },
  ): boolean {
    if (a.score !== b.score) return a.score < b.score;
    return this.tieBreak ? this.tieBreak(a.item, b.item) > 0 : a.seq > b.seq;
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(this.heap[i]!, this.heap[parent]!)) break;
      [this.heap[i], this.heap[parent]] = [this.heap[parent]!, this.heap[i]!];
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.heap.length && this.worse(this.heap[left]!, this.heap[worst]!)) worst = left;
      if (right < this.heap.length && this.worse(this.heap[right]!, this.heap[worst]!)) worst = right;
      if (worst === i) return;
      [this.heap[i], this.heap[worst]] = [this.heap[worst]!, this.heap[i]!];
      i = worst;
    }
  }
}
