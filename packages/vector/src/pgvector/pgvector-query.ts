import { ValidationError } from '@alma/core';
import { PGVECTOR_METRICS, type PgVectorMetric, quotePgIdentifier } from './pgvector-ddl.js';
import { type SqlStatement, toVectorLiteral } from './pgvector-literal.js';

/**
 * The distance expression the HNSW index serves: `"embedding" <=> $3::vector`. ORDER BY must use
 * this very expression (operator, column, parameter), or the planner cannot use the index.
 */
export function distanceFragment(
  column: string,
  parameter: number,
  metric: PgVectorMetric = 'cosine',
): string {
  if (!Number.isInteger(parameter) || parameter < 1)
    throw new ValidationError('parameter numbers start at 1');
  return `${quotePgIdentifier(column)} ${PGVECTOR_METRICS[metric].operator} $${parameter}::vector`;
}

/** Turns a cosine distance from the server into a similarity: 1 − distance (NaN for a zero vector → 0). */
export function cosineSimilarityFromDistance(distance: number): number {
  return Number.isNaN(distance) ? 0 : 1 - distance;
}

/** What a k-nearest query reads, filters and returns. */
export interface NearestQueryOptions {
  readonly table: string;
  readonly column: string;
  /** Columns to return besides `distance`. */
  readonly select: readonly string[];
  /** A filter over `$1..$n`, compiled by the store with its own parameters. */
  readonly where?: SqlStatement;
  readonly vector: Float32Array | readonly number[];
  readonly k: number;
  readonly metric?: PgVectorMetric;
  /** A column that orders rows of equal distance (the contract: ties by id). */
  readonly tieBreak?: string;
}

/**
 * The k nearest rows under a filter, in one statement. Relaxed iterative scans may return rows
 * slightly out of order, so the LIMIT runs inside a MATERIALIZED CTE and the outer query sorts
 * the k rows again (pgvector's documented pattern). The vector and k are the last two parameters.
 */
export function nearestQuery(options: NearestQueryOptions): SqlStatement {
  if (!Number.isInteger(options.k) || options.k < 1)
    throw new ValidationError('k must be a positive integer');
  const whereValues = options.where?.values ?? [];
  const vectorParam = whereValues.length + 1;
  const distance = distanceFragment(options.column, vectorParam, options.metric);
  const columns = options.select.map(quotePgIdentifier);
  const where = options.where ? ` WHERE ${options.where.text}` : '';
  const text =
    `WITH nearest AS MATERIALIZED (SELECT ${[...columns, `${distance} AS distance`].join(', ')} ` +
    `FROM ${quotePgIdentifier(options.table)}${where} ORDER BY ${distance} LIMIT $${vectorParam + 1}) ` +
    `SELECT * FROM nearest ORDER BY distance${options.tieBreak ? `, ${quotePgIdentifier(options.tieBreak)}` : ''}`;
  return { text, values: [...whereValues, toVectorLiteral(options.vector), options.k] };
}
