import {
  type AdapterTextQuery,
  type AdapterVectorQuery,
  cosineSimilarity,
  type Kind,
  type MemoryRecord,
  RecordTable,
  type ScoredRecord,
  searchableTokens,
  TopItems,
} from '@alma/core';
import type { Container } from '@azure/cosmos';
import { fromDocument, storedEmbedding } from '../cosmos-conversion.js';
import { type CosmosDocument, type DocumentUpgrade, upgradeDocument } from '../schema/cosmos-schema.js';
import { matchingQuery } from './cosmos-queries.js';
import { queryAll, queryPages } from './cosmos-query-runner.js';
import { embeddedQuery, nativeTextQuery, nativeVectorQuery } from './cosmos-search-queries.js';

/** What a search needs from the store: the kind's container and how to read its documents. */
export interface SearchContext<K extends Kind> {
  readonly kind: K;
  readonly container: Container;
  readonly upgrades: readonly DocumentUpgrade[];
}

/** Ties go to the smaller id, compared as code units like every other backend. */
function byId(a: CosmosDocument, b: CosmosDocument): number {
  const [x, y] = [String(a.id), String(b.id)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function decode<K extends Kind>(context: SearchContext<K>, document: CosmosDocument): MemoryRecord<K> {
  return fromDocument(context.kind, document, context.upgrades);
}

/**
 * Exact vector search where the account has no vector index: stream the partition's matching
 * documents, keep the k best by exact cosine (ties to the smaller id), and decode only those k. One
 * single-partition query, whatever k. It scores with core's `cosineSimilarity`, the very function the
 * reference store uses, not @alma/vector's block kernel: the kernel works on float32 unit vectors and
 * differs in the last bits, and the engine suite requires slices identical to the reference's.
 */
export async function exactVectorSearch<K extends Kind>(
  context: SearchContext<K>,
  query: AdapterVectorQuery,
): Promise<ScoredRecord<K>[]> {
  const best = new TopItems<CosmosDocument>(query.k, byId);
  const pages = queryPages<CosmosDocument>(
    context.container,
    embeddedQuery(context.kind, query.filter),
    query.filter.projectId,
    `searching ${context.kind} by vector`,
  );
  for await (const page of pages) {
    for (const document of page) {
      const embedding = storedEmbedding(document.embedding as string | number[]);
      best.offer(document, cosineSimilarity(query.vector, embedding));
    }
  }
  return best.results().map(({ item, score }) => ({ record: decode(context, item), score }));
}

/**
 * Token-match text search where the account has no full-text index: read the partition's matching
 * documents, keep those holding every token, and rank them with the reference table's scoring, so
 * results equal the exact backends'. Only the documents that hold every token are decoded.
 */
export async function exactTextSearch<K extends Kind>(
  context: SearchContext<K>,
  query: AdapterTextQuery,
): Promise<ScoredRecord<K>[]> {
  const table = new RecordTable(context.kind);
  const pages = queryPages<CosmosDocument>(
    context.container,
    matchingQuery(context.kind, query.filter),
    query.filter.projectId,
    `searching ${context.kind} by text`,
  );
  for await (const page of pages) {
    for (const document of page) {
      const upgraded = upgradeDocument(context.kind, document, context.upgrades);
      // Only the text fields are read, and a document holds them as the record does.
      const terms = new Set(searchableTokens(context.kind, upgraded as unknown as MemoryRecord<K>));
      if (query.tokens.every((token) => terms.has(token))) table.set(decode(context, upgraded));
    }
  }
  return table.searchText(query);
}

/** DiskANN search with the filter in the same query; hits are re-scored by exact cosine and re-sorted. */
export async function nativeVectorSearch<K extends Kind>(
  context: SearchContext<K>,
  query: AdapterVectorQuery,
): Promise<ScoredRecord<K>[]> {
  const documents = await queryAll<CosmosDocument>(
    context.container,
    nativeVectorQuery(context.kind, query.filter, query.vector, query.k),
    query.filter.projectId,
    `searching ${context.kind} by vector`,
  );
  return documents
    .map((document) => decode(context, document))
    .flatMap((record) =>
      record.embedding ? [{ record, score: cosineSimilarity(query.vector, record.embedding) }] : [],
    )
    .sort((a, b) => b.score - a.score || (a.record.id < b.record.id ? -1 : 1));
}

/** Full-text search ranked by Cosmos; RANK yields an order, not a number, so the score is 1 / rank. */
export async function nativeTextSearch<K extends Kind>(
  context: SearchContext<K>,
  query: AdapterTextQuery,
): Promise<ScoredRecord<K>[]> {
  const documents = await queryAll<CosmosDocument>(
    context.container,
    nativeTextQuery(context.kind, query.filter, query.tokens, query.k),
    query.filter.projectId,
    `searching ${context.kind} by text`,
  );
  return documents.map((document, rank) => ({ record: decode(context, document), score: 1 / (rank + 1) }));
}
