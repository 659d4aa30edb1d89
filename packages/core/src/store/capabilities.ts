/** What a backend can do, as data: read by the core, the engine and the conformance suite. */
export interface Capabilities {
  /** 'exact' ranks exactly by cosine similarity; 'approximate' uses an ANN index and is recall-checked. */
  readonly vectorSearch: 'exact' | 'approximate';
  /** Full-text search over each kind's searchable fields. */
  readonly textSearch: boolean;
  /** putMany writes every record or none; otherwise it reports per-item failures. */
  readonly atomicBatch: boolean;
  /** Data survives close and reopen. */
  readonly persistent: boolean;
  /** Several processes may have the store open at once. */
  readonly multiProcess: boolean;
}

const DEFAULT_CAPABILITIES: Capabilities = {
  vectorSearch: 'exact',
  textSearch: true,
  atomicBatch: true,
  persistent: false,
  multiProcess: false,
};

/** Capabilities with the defaults filled in, frozen. */
export function defineCapabilities(overrides: Partial<Capabilities>): Capabilities {
  return Object.freeze({ ...DEFAULT_CAPABILITIES, ...overrides });
}
