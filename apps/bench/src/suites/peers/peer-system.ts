import type { PeerRow } from './peers-dataset.js';

/** One system under comparison, driven through its own public API only. */
export interface PeerSystem {
  /** Its name in the JSON figures, e.g. `almaPostgres`. */
  readonly key: string;
  /** Its name in the tables. */
  readonly label: string;
  /** Its index and query settings, printed under the tables. */
  readonly configuration: string;
  /**
   * The largest data set it runs on, when its insert rate would take the full run past the time it
   * has (three rounds of each data set); larger ones leave it out, and the tables say so.
   */
  readonly maxRecords?: number;
  /** Creates its database (or file) and opens it empty. */
  setup(): Promise<void>;
  /** One call of the system's own batch write API. */
  insertMany(rows: readonly PeerRow[]): Promise<void>;
  /**
   * Returns once work the system defers after writes is done (an index built after a bulk load), so
   * the insert time includes it and searches meet the system at rest. Nothing to do for most.
   */
  settle(): Promise<void>;
  /** Ids of the k records nearest to a unit vector, best first; an agent restricts the search to its records. */
  search(vector: Float32Array, k: number, agent: string | null): Promise<string[]>;
  /** Point deletes through the system's delete-one call, one call per id. */
  deleteIds(ids: readonly string[]): Promise<void>;
  /** Removes every record of one agent, the way the system's users would. */
  deleteFilter(agent: string): Promise<void>;
  /** Closes it and drops what setup created; safe after a setup that failed half way. */
  dispose(): Promise<void>;
}
