import type { NormalizedFilter, Ref } from '@alma/core';
import { metadataTerms } from '../metadata-terms.js';
import { resolveVectorFilter } from '../resolve-vector-filter.js';
import type { VectorColumns } from '../vector-columns.js';
import type {
  VectorHit,
  VectorIndex,
  VectorIndexStatus,
  VectorRow,
  VectorSearchQuery,
} from '../vector-index.js';
import { defineVectorIndexCapabilities } from '../vector-index-capabilities.js';
import { checkSearchQuery, checkVectorRow, lastPerRef } from '../vector-input.js';
import { cosineTopK, normalize } from './exact-kernel.js';
import { compileRowPredicate, toStored } from './row-predicate.js';
import { VectorBlock } from './vector-block.js';

/** What an exact index is created with. */
export interface ExactIndexOptions {
  readonly dimension: number;
  readonly columns: VectorColumns;
  /** Shown in errors; defaults to 'exact'. */
  readonly name?: string;
}

/**
 * The exact vector index: in memory, one contiguous block per project, searched by the exact
 * kernel. It is the ground truth other indexes are tested against and the file store's index.
 */
export class ExactVectorIndex implements VectorIndex {
  readonly name: string;
  readonly capabilities = defineVectorIndexCapabilities({
    exactSearch: true,
    annIndex: false,
    metadataFilter: true,
    persistent: false,
  });
  readonly dimension: number;
  readonly columns: VectorColumns;
  private readonly blocks = new Map<string, VectorBlock>();
  private readonly columnIndex: ReadonlyMap<string, number>;

  constructor(options: ExactIndexOptions) {
    this.name = options.name ?? 'exact';
    this.dimension = options.dimension;
    this.columns = options.columns;
    this.columnIndex = new Map(options.columns.map((column, index) => [column.field, index]));
  }

  async upsert(rows: readonly VectorRow[]): Promise<void> {
    this.load(rows);
  }

  /** Upsert, synchronously: a caller filling the index from a synchronous read sees no interleaving. */
  load(rows: readonly VectorRow[]): void {
    for (const row of rows) checkVectorRow(row, this.dimension, this.columns);
    for (const row of lastPerRef(rows)) this.put(row);
  }

  async delete(refs: readonly Ref[]): Promise<number> {
    let removed = 0;
    for (const { projectId, id } of refs) {
      const block = this.blocks.get(projectId);
      if (block?.remove(id)) removed++;
      if (block?.size === 0) this.blocks.delete(projectId);
    }
    return removed;
  }

  async search(query: VectorSearchQuery): Promise<VectorHit[]> {
    checkSearchQuery(query, this.dimension);
    const filter = resolveVectorFilter(query.filter, this.columns, { metadata: true, indexName: this.name });
    const block = this.blocks.get(filter.projectId);
    if (!block) return [];
    const accept = compileRowPredicate(filter, block, this.columnIndex);
    const ids = block.ids;
    const hits = cosineTopK(block.vectors, this.dimension, block.size, normalize(query.vector), query.k, {
      ...(accept ? { accept } : {}),
      before: (a, b) => ids[a]! < ids[b]!,
    });
    return hits.map(({ row, score }) => ({ projectId: filter.projectId, id: ids[row]!, score }));
  }

  async count(filter?: NormalizedFilter): Promise<number> {
    if (!filter) return this.totalRows();
    const resolved = resolveVectorFilter(filter, this.columns, { metadata: true, indexName: this.name });
    const block = this.blocks.get(resolved.projectId);
    if (!block) return 0;
    const accept = compileRowPredicate(resolved, block, this.columnIndex);
    if (!accept) return block.size;
    let total = 0;
    for (let row = 0; row < block.size; row++) if (accept(row)) total++;
    return total;
  }

  async buildIndex(): Promise<VectorIndexStatus> {
    return this.status();
  }

  async optimize(): Promise<VectorIndexStatus> {
    for (const block of this.blocks.values()) block.compact();
    return this.status();
  }

  async rebuild(rows: AsyncIterable<VectorRow> | Iterable<VectorRow>): Promise<number> {
    const fresh = new ExactVectorIndex({ dimension: this.dimension, columns: this.columns, name: this.name });
    // Validate into a fresh index first, so a bad row leaves the current content untouched.
    for await (const row of rows) {
      checkVectorRow(row, this.dimension, this.columns);
      fresh.put(row);
    }
    this.blocks.clear();
    for (const [projectId, block] of fresh.blocks) this.blocks.set(projectId, block);
    return this.totalRows();
  }

  async status(): Promise<VectorIndexStatus> {
    return { rows: this.totalRows(), ann: 'none', unindexedRows: 0 };
  }

  async close(): Promise<void> {
    this.blocks.clear();
  }

  private put(row: VectorRow): void {
    let block = this.blocks.get(row.projectId);
    if (!block) {
      block = new VectorBlock(this.dimension, this.columns.length);
      this.blocks.set(row.projectId, block);
    }
    const values = this.columns.map((column) => toStored(row.fields?.[column.field] ?? null));
    block.put(row.id, row.vector, values, new Set(metadataTerms(row.metadata)));
  }

  private totalRows(): number {
    let total = 0;
    for (const block of this.blocks.values()) total += block.size;
    return total;
  }
}
