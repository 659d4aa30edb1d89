import { type Kind, type NormalizedFilter, searchableFieldsOf } from '@alma/core';
import type { SqlQuerySpec } from '@azure/cosmos';
import { fieldPath, filterConditions, QueryParameters } from './cosmos-filter.js';

/**
 * Native vector search: the filter and the DiskANN ordering in one single-partition query. The
 * caller re-scores the k hits with the exact cosine, since the index may rank on quantised vectors.
 */
export function nativeVectorQuery(
  kind: Kind,
  filter: NormalizedFilter,
  vector: Float32Array,
  k: number,
): SqlQuerySpec {
  const params = new QueryParameters();
  const conditions = [...filterConditions(kind, filter, params), 'IS_ARRAY(c.embedding)'];
  const query = params.add(Array.from(vector));
  return {
    query: `SELECT TOP ${params.add(k)} * FROM c WHERE ${conditions.join(' AND ')} ORDER BY VectorDistance(c.embedding, ${query})`,
    parameters: params.parameters,
  };
}

/**
 * Native full-text search: every token must be in one of the kind's text fields, and the fields'
 * BM25 scores are fused by Cosmos's own reciprocal-rank fusion (one field needs no fusion).
 */
export function nativeTextQuery(
  kind: Kind,
  filter: NormalizedFilter,
  tokens: readonly string[],
  k: number,
): SqlQuerySpec {
  const params = new QueryParameters();
  const conditions = filterConditions(kind, filter, params);
  const paths = searchableFieldsOf(kind).map(fieldPath);
  const terms = tokens.map((token) => params.add(token));
  for (const term of terms) {
    conditions.push(`(${paths.map((path) => `FullTextContains(${path}, ${term})`).join(' OR ')})`);
  }
  const scores = paths.map((path) => `FullTextScore(${path}, ${terms.join(', ')})`);
  const rank = scores.length === 1 ? scores[0] : `RRF(${scores.join(', ')})`;
  return {
    query: `SELECT TOP ${params.add(k)} * FROM c WHERE ${conditions.join(' AND ')} ORDER BY RANK ${rank}`,
    parameters: params.parameters,
  };
}

/** Either storage format; a document written before embeddings existed has none. */
const hasEmbedding = '(IS_STRING(c.embedding) OR IS_ARRAY(c.embedding))';

/** Exact fallback: the matching documents that have an embedding, in id order. */
export function embeddedQuery(kind: Kind, filter: NormalizedFilter): SqlQuerySpec {
  const params = new QueryParameters();
  const conditions = [...filterConditions(kind, filter, params), hasEmbedding];
  return {
    query: `SELECT * FROM c WHERE ${conditions.join(' AND ')} ORDER BY c.id ASC`,
    parameters: params.parameters,
  };
}

/** Answers only where the account has vector search (the stand-in and older accounts reject it). */
export function vectorProbeQuery(): SqlQuerySpec {
  return { query: 'SELECT VALUE VectorDistance(@p0, @p0)', parameters: [{ name: '@p0', value: [1, 0] }] };
}

/** Answers only where the account has full-text search. */
export function textProbeQuery(partition: string): SqlQuerySpec {
  return {
    query: 'SELECT TOP 1 c.id FROM c WHERE c.projectId = @p0 AND FullTextContains(c.text, @p1)',
    parameters: [
      { name: '@p0', value: partition },
      { name: '@p1', value: 'probe' },
    ],
  };
}
