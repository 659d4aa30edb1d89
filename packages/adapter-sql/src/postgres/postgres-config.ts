import { ValidationError } from '@alma/core';

/** The PostgreSQL store's settings; validated once, then frozen. */
export interface PostgresConfig {
  readonly connectionString: string;
  /** Apply pending migrations when the store opens (default true). */
  readonly migrate: boolean;
  /** Connections in the pool. */
  readonly poolSize: number;
  /** HNSW build parameters (pgvector defaults: m 16, ef_construction 64). */
  readonly hnswM: number;
  readonly hnswEfConstruction: number;
  /** Candidates an HNSW search keeps; higher is slower and recalls more (pgvector default 40). */
  readonly hnswEfSearch: number;
  /** pgvector ≥ 0.8: keep scanning the graph until a filtered query has k rows. */
  readonly iterativeScan: 'relaxed_order' | 'strict_order' | 'off';
}

export type PostgresOptions = Pick<PostgresConfig, 'connectionString'> &
  Partial<Omit<PostgresConfig, 'connectionString'>>;

function positiveInteger(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new ValidationError(`${name} must be 1 to ${max}`);
  return value;
}

export function parsePostgresConfig(options: PostgresOptions): PostgresConfig {
  const connectionString = options?.connectionString;
  if (typeof connectionString !== 'string' || !/^postgres(ql)?:\/\//.test(connectionString)) {
    throw new ValidationError('connectionString must be a postgres:// or postgresql:// URL');
  }
  const iterativeScan = options.iterativeScan ?? 'relaxed_order';
  if (!['relaxed_order', 'strict_order', 'off'].includes(iterativeScan)) {
    throw new ValidationError("iterativeScan must be 'relaxed_order', 'strict_order' or 'off'");
  }
  return Object.freeze({
    connectionString,
    migrate: options.migrate ?? true,
    poolSize: positiveInteger('poolSize', options.poolSize ?? 10, 1_000),
    hnswM: positiveInteger('hnswM', options.hnswM ?? 16, 100),
    hnswEfConstruction: positiveInteger('hnswEfConstruction', options.hnswEfConstruction ?? 64, 1_000),
    hnswEfSearch: positiveInteger('hnswEfSearch', options.hnswEfSearch ?? 100, 1_000),
    iterativeScan,
  });
}
