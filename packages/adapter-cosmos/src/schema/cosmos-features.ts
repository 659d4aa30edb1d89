import { isAlmaError } from '@alma/core';
import type { Container, SqlQuerySpec } from '@azure/cosmos';
import type { CosmosSearchMode } from '../cosmos-config.js';
import { guard } from '../cosmos-errors.js';
import { queryAll } from '../queries/cosmos-query-runner.js';
import { textProbeQuery, vectorProbeQuery } from '../queries/cosmos-search-queries.js';
import { META_PARTITION, type SearchFeatures } from './cosmos-containers.js';

const PROBE_DOCUMENT = { id: 'search-probe', projectId: META_PARTITION, text: 'probe' };

export const NO_SEARCH_FEATURES: SearchFeatures = Object.freeze({ vector: false, fullText: false });

/**
 * Decides, once per new store, whether the account offers vector and full-text search. 'auto' asks
 * the account with two tiny single-partition queries on the meta container: a 400 means no. The text
 * probe runs over a probe document, because a server that checks functions only while it evaluates
 * them (the stand-in does) would accept the query over an empty partition.
 */
export async function detectSearchFeatures(meta: Container, mode: CosmosSearchMode): Promise<SearchFeatures> {
  if (mode === 'exact') return NO_SEARCH_FEATURES;
  if (mode === 'native') return Object.freeze({ vector: true, fullText: true });
  await guard('writing the search probe document', () => meta.items.upsert(PROBE_DOCUMENT));
  const [vector, fullText] = await Promise.all([
    answers(meta, vectorProbeQuery(), 'probing for vector search'),
    answers(meta, textProbeQuery(META_PARTITION), 'probing for full-text search'),
  ]);
  return Object.freeze({ vector, fullText });
}

async function answers(meta: Container, spec: SqlQuerySpec, action: string): Promise<boolean> {
  try {
    await queryAll(meta, spec, META_PARTITION, action);
    return true;
  } catch (error) {
    if (isAlmaError(error) && error.details.status === 400) return false;
    throw error;
  }
}
