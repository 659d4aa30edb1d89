import type { AdapterFindQuery, FieldOrder, Kind, NormalizedFilter, Ratio } from '@alma/core';
import type { SqlQuerySpec } from '@azure/cosmos';
import { encodeScalar } from '../cosmos-conversion.js';
import { fieldPath, filterConditions, QueryParameters } from './cosmos-filter.js';

/**
 * One keyset page of a single-partition query: TOP n in (field, id) order, strictly after the cursor's
 * position. Unlike OFFSET or continuation tokens, the next page starts where the last one ended even
 * when records are inserted in between, which is the core's cursor contract.
 */
export function findQuery(
  kind: Kind,
  query: AdapterFindQuery & { readonly order: FieldOrder },
): SqlQuerySpec {
  const params = new QueryParameters();
  const conditions = filterConditions(kind, query.filter, params);
  const { field, direction } = query.order;
  const order = direction === 'asc' ? 'ASC' : 'DESC';
  const beyond = direction === 'asc' ? '>' : '<';
  const path = fieldPath(field);
  if (query.after !== null) {
    const id = params.add(query.after.id);
    if (field === 'id') conditions.push(`c.id ${beyond} ${id}`);
    else {
      const value = params.add(encodeScalar(query.after.value));
      conditions.push(`(${path} ${beyond} ${value} OR (${path} = ${value} AND c.id ${beyond} ${id}))`);
    }
  }
  const top = params.add(query.limit);
  const orderBy = field === 'id' ? `c.id ${order}` : `${path} ${order}, c.id ${order}`;
  return {
    query: `SELECT TOP ${top} * FROM c WHERE ${conditions.join(' AND ')} ORDER BY ${orderBy}`,
    parameters: params.parameters,
  };
}

/** The id and a ratio's two counters of every matching document: what a derived order ranks. */
export function ratioInputsQuery(kind: Kind, filter: NormalizedFilter, ratio: Ratio): SqlQuerySpec {
  const params = new QueryParameters();
  const conditions = filterConditions(kind, filter, params);
  const counters = `${fieldPath(ratio.numerator)}, ${fieldPath(ratio.denominator)}`;
  return {
    query: `SELECT c.id, ${counters} FROM c WHERE ${conditions.join(' AND ')}`,
    parameters: params.parameters,
  };
}

/** The documents among `ids` that still match the filter, in no particular order. */
export function matchingByIdsQuery(
  kind: Kind,
  filter: NormalizedFilter,
  ids: readonly string[],
): SqlQuerySpec {
  const params = new QueryParameters();
  const conditions = filterConditions(kind, filter, params);
  conditions.push(`ARRAY_CONTAINS(${params.add(ids)}, c.id)`);
  return { query: `SELECT * FROM c WHERE ${conditions.join(' AND ')}`, parameters: params.parameters };
}

/** Partial counts of one partition; the caller sums them, as a query may answer in several pages. */
export function countQuery(kind: Kind, filter: NormalizedFilter): SqlQuerySpec {
  const params = new QueryParameters();
  const conditions = filterConditions(kind, filter, params);
  return {
    query: `SELECT VALUE COUNT(1) FROM c WHERE ${conditions.join(' AND ')}`,
    parameters: params.parameters,
  };
}

/** The ids of up to `limit` matching records: one page of a deleteWhere. */
export function matchingIdsQuery(kind: Kind, filter: NormalizedFilter, limit: number): SqlQuerySpec {
  const params = new QueryParameters();
  const conditions = filterConditions(kind, filter, params);
  return {
    query: `SELECT TOP ${params.add(limit)} c.id FROM c WHERE ${conditions.join(' AND ')}`,
    parameters: params.parameters,
  };
}

/** Every matching document of one partition (the text-search fallback reads them). */
export function matchingQuery(kind: Kind, filter: NormalizedFilter): SqlQuerySpec {
  const params = new QueryParameters();
  const conditions = filterConditions(kind, filter, params);
  return { query: `SELECT * FROM c WHERE ${conditions.join(' AND ')}`, parameters: params.parameters };
}

/**
 * The smallest project id after `after`: scan and migrate walk the partitions with it. It is the one
 * cross-partition query of the adapter (the stand-in has no DISTINCT), and no hot path runs it.
 */
export function nextProjectQuery(after: string): SqlQuerySpec {
  const params = new QueryParameters();
  return {
    query: `SELECT TOP 1 c.projectId FROM c WHERE c.projectId > ${params.add(after)} ORDER BY c.projectId ASC`,
    parameters: params.parameters,
  };
}

/** One keyset page of documents written at an older layout than `version`. */
export function outdatedQuery(
  projectId: string,
  version: number,
  afterId: string,
  limit: number,
): SqlQuerySpec {
  const params = new QueryParameters();
  const project = params.add(projectId);
  const older = `(NOT IS_DEFINED(c.schemaVersion) OR c.schemaVersion < ${params.add(version)})`;
  return {
    query: `SELECT TOP ${params.add(limit)} * FROM c WHERE c.projectId = ${project} AND ${older} AND c.id > ${params.add(afterId)} ORDER BY c.id ASC`,
    parameters: params.parameters,
  };
}
