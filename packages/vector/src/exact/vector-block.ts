import { normalizeInto } from './exact-kernel.js';

/** A stored scalar: strings, numbers (instants as epoch milliseconds), booleans, or null. */
export type StoredScalar = string | number | boolean | null;

const INITIAL_CAPACITY = 64;

/**
 * The rows of one project, vectors normalised and stored back to back in one Float32Array so the
 * kernel scans contiguous memory. Scalar columns are parallel arrays. Delete moves the last row
 * into the hole: O(dimension), no rebuild, and the freed space is reused by the next insert.
 */
export class VectorBlock {
  vectors: Float32Array;
  size = 0;
  readonly ids: string[] = [];
  readonly values: StoredScalar[][];
  readonly terms: (ReadonlySet<string> | null)[] = [];
  private readonly positions = new Map<string, number>();

  constructor(
    readonly dimension: number,
    columnCount: number,
  ) {
    this.vectors = new Float32Array(INITIAL_CAPACITY * dimension);
    this.values = Array.from({ length: columnCount }, () => []);
  }

  has(id: string): boolean {
    return this.positions.has(id);
  }

  /** Inserts or replaces the row with this id. */
  put(
    id: string,
    vector: Float32Array,
    values: readonly StoredScalar[],
    terms: ReadonlySet<string> | null,
  ): void {
    let row = this.positions.get(id);
    if (row === undefined) {
      row = this.size++;
      this.ensureCapacity(this.size);
      this.positions.set(id, row);
    }
    normalizeInto(vector, this.vectors, row * this.dimension);
    this.ids[row] = id;
    this.terms[row] = terms;
    for (let c = 0; c < this.values.length; c++) this.values[c]![row] = values[c] ?? null;
  }

  /** Removes the row with this id; false when there was none. */
  remove(id: string): boolean {
    const row = this.positions.get(id);
    if (row === undefined) return false;
    const last = --this.size;
    this.positions.delete(id);
    if (row !== last) {
      const lastId = this.ids[last]!;
      this.vectors.copyWithin(row * this.dimension, last * this.dimension, (last + 1) * this.dimension);
      this.ids[row] = lastId;
      this.terms[row] = this.terms[last]!;
      for (const column of this.values) column[row] = column[last] ?? null;
      this.positions.set(lastId, row);
    }
    this.ids.length = last;
    this.terms.length = last;
    for (const column of this.values) column.length = last;
    return true;
  }

  /** Gives back the spare capacity that deletes left behind. */
  compact(): void {
    const needed = Math.max(INITIAL_CAPACITY, this.size) * this.dimension;
    if (this.vectors.length > needed) this.vectors = this.vectors.slice(0, needed);
  }

  private ensureCapacity(rows: number): void {
    if (rows * this.dimension <= this.vectors.length) return;
    const grown = new Float32Array(
      Math.max(rows, 2 * (this.vectors.length / this.dimension)) * this.dimension,
    );
    grown.set(this.vectors);
    this.vectors = grown;
  }
}
