import { ValidationError } from '@alma/core';
import type { SqlStatement } from './pgvector-literal.js';

/**
 * How HNSW continues when the filter removes candidates (pgvector ≥ 0.8). 'off' returns whatever
 * survived one candidate list, so a selective filter yields fewer than k rows; an unknown value
 * would be silently ignored by the server, hence a closed union.
 */
export type HnswIterativeScan = 'off' | 'relaxed_order' | 'strict_order';

/** pgvector's per-query HNSW settings. */
export interface PgVectorSearchSettings {
  /** Candidate list per scan (pgvector's default 40 loses recall); 1 to 1,000. */
  readonly efSearch: number;
  readonly iterativeScan: HnswIterativeScan;
  /** Most tuples an iterative scan visits before it gives up (pgvector's default 20,000). */
  readonly maxScanTuples: number;
  /** Memory for an iterative scan, as a multiple of work_mem (pgvector's default 1). */
  readonly scanMemMultiplier: number;
}

/** Query settings that reach recall@10 ≥ 0.95 and k rows under selective filters. */
export const DEFAULT_PGVECTOR_SEARCH: PgVectorSearchSettings = Object.freeze({
  efSearch: 100,
  iterativeScan: 'relaxed_order',
  maxScanTuples: 20_000,
  scanMemMultiplier: 1,
});

const ITERATIVE_SCANS: readonly HnswIterativeScan[] = ['off', 'relaxed_order', 'strict_order'];

/**
 * One statement that applies the search settings through set_config, which, unlike SET, takes
 * parameters. 'transaction' scope (SET LOCAL) lasts until the enclosing transaction ends: run it
 * and the search in one transaction. 'session' scope lasts for the connection.
 */
export function searchSettingsStatement(
  settings: Partial<PgVectorSearchSettings> = {},
  scope: 'transaction' | 'session' = 'transaction',
): SqlStatement {
  const { efSearch, iterativeScan, maxScanTuples, scanMemMultiplier } = {
    ...DEFAULT_PGVECTOR_SEARCH,
    ...settings,
  };
  if (!Number.isInteger(efSearch) || efSearch < 1 || efSearch > 1000) {
    throw new ValidationError('hnsw.ef_search must be an integer from 1 to 1000');
  }
  if (!ITERATIVE_SCANS.includes(iterativeScan))
    throw new ValidationError(`unknown iterative scan '${iterativeScan}'`);
  if (!Number.isInteger(maxScanTuples) || maxScanTuples < 1) {
    throw new ValidationError('hnsw.max_scan_tuples must be a positive integer');
  }
  if (!(Number.isFinite(scanMemMultiplier) && scanMemMultiplier >= 1 && scanMemMultiplier <= 1000)) {
    throw new ValidationError('hnsw.scan_mem_multiplier must be from 1 to 1000');
  }
  return {
    text:
      "SELECT set_config('hnsw.ef_search', $1, $5), set_config('hnsw.iterative_scan', $2, $5), " +
      "set_config('hnsw.max_scan_tuples', $3, $5), set_config('hnsw.scan_mem_multiplier', $4, $5)",
    values: [
      String(efSearch),
      iterativeScan,
      String(maxScanTuples),
      String(scanMemMultiplier),
      scope === 'transaction',
    ],
  };
}
