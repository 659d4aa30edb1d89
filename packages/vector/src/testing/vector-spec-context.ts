import { afterEach } from 'vitest';
import type { VectorColumns } from '../vector-columns.js';
import type { VectorIndex } from '../vector-index.js';
import { TEST_COLUMNS, TEST_VECTOR_DIMENSION } from './vector-fixtures.js';
import type { VectorIndexHarness, VectorIndexInstance } from './vector-index-harness.js';

/** A fresh index under test, and a way to reopen its data. */
export interface OpenedVectorIndex {
  readonly index: VectorIndex;
  readonly instance: VectorIndexInstance;
  /** Closes the index and opens the same data again (persistent indexes only). */
  reopen(spec?: { dimension?: number; columns?: VectorColumns }): Promise<VectorIndex>;
}

/** What every spec receives: the harness, and fresh indexes that are cleaned up after each test. */
export interface VectorSpecContext {
  readonly harness: VectorIndexHarness;
  open(spec?: { dimension?: number; columns?: VectorColumns }): Promise<OpenedVectorIndex>;
}

/** The context the specs share; indexes opened through it are closed and destroyed after each test. */
export function createVectorSpecContext(harness: VectorIndexHarness): VectorSpecContext {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    harness,
    async open(spec = {}) {
      const dimension = spec.dimension ?? TEST_VECTOR_DIMENSION;
      const columns = spec.columns ?? TEST_COLUMNS;
      const instance = await harness.create({ dimension, columns });
      let index = instance.index;
      let closed = false;
      cleanups.push(async () => {
        if (!closed) await index.close();
        await instance.destroy();
      });
      return {
        get index() {
          return index;
        },
        instance,
        async reopen(next = {}) {
          if (!instance.reopen) throw new Error(`${harness.name} cannot reopen`);
          await index.close();
          closed = true;
          index = await instance.reopen({
            dimension: next.dimension ?? dimension,
            columns: next.columns ?? columns,
          });
          closed = false;
          return index;
        },
      };
    },
  };
}
