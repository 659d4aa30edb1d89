import type { Capabilities } from '../store/capabilities.js';
import type { StoreAdapter } from '../store/store-adapter.js';

/** One backend under test: how to make fresh, isolated, empty instances of it. */
export interface ConformanceHarness {
  readonly name: string;
  /** Declared up front so specs a backend cannot run are skipped by capability, with a reason. */
  readonly capabilities: Capabilities;
  /** Once before the suite: start a server, create a database. */
  setup?(): Promise<void>;
  /** Once after the suite. */
  teardown?(): Promise<void>;
  /** A new empty backend that shares nothing with any other instance. */
  create(): Promise<HarnessInstance>;
}

export interface HarnessInstance {
  readonly adapter: StoreAdapter;
  /**
   * For persistent backends: a new adapter over the same data (after `adapter.close()`); for
   * multiProcess ones also beside the first, as another process would open it.
   */
  reopen?(): Promise<StoreAdapter>;
  /** Removes whatever the instance left behind. */
  destroy(): Promise<void>;
}
