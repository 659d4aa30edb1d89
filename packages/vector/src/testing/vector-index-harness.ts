import type { VectorColumns } from '../vector-columns.js';
import type { VectorIndex } from '../vector-index.js';
import type { VectorIndexCapabilities } from '../vector-index-capabilities.js';

/** What every new index of a harness is created with. */
export interface VectorIndexSpec {
  readonly dimension: number;
  readonly columns: VectorColumns;
}

/** One vector index implementation under test: how to make fresh, isolated, empty instances. */
export interface VectorIndexHarness {
  readonly name: string;
  /** Declared up front, so specs an index cannot run are skipped by capability, with a reason. */
  readonly capabilities: VectorIndexCapabilities;
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
  /** A new empty index that shares nothing with any other instance. */
  create(spec: VectorIndexSpec): Promise<VectorIndexInstance>;
}

/** One created index and how to clean up after it. */
export interface VectorIndexInstance {
  readonly index: VectorIndex;
  /** Persistent indexes: open the same data again (the caller has closed `index`), maybe with another spec. */
  reopen?(spec: VectorIndexSpec): Promise<VectorIndex>;
  /** Removes whatever the instance left behind. */
  destroy(): Promise<void>;
}
