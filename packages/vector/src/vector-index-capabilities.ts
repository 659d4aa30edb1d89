/** What a vector index can do, as data: read by the stores and by the conformance suite. */
export interface VectorIndexCapabilities {
  /** Searches without an ANN index rank exactly as the exact kernel does. */
  readonly exactSearch: boolean;
  /** `buildIndex` builds an approximate index; searches after it are recall-checked, not exact. */
  readonly annIndex: boolean;
  /** Filters may hold metadata key-equality clauses. */
  readonly metadataFilter: boolean;
  /** Rows survive close and reopen. */
  readonly persistent: boolean;
}

const DEFAULT_VECTOR_INDEX_CAPABILITIES: VectorIndexCapabilities = {
  exactSearch: true,
  annIndex: false,
  metadataFilter: false,
  persistent: false,
};

/** Capabilities with the defaults filled in, frozen. */
export function defineVectorIndexCapabilities(
  overrides: Partial<VectorIndexCapabilities>,
): VectorIndexCapabilities {
  return Object.freeze({ ...DEFAULT_VECTOR_INDEX_CAPABILITIES, ...overrides });
}
