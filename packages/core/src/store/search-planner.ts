import { UnsupportedError, ValidationError } from '../errors/alma-error.js';
import { parseFilter } from '../filter/parse-filter.js';
import { hasRankableNorm, MAX_VECTOR_NORM, MIN_VECTOR_NORM } from '../model/fields.js';
import type { Kind } from '../model/kinds.js';
import { assertDimension } from '../model/normalize-record.js';
import { MAX_TEXT_QUERY_LENGTH, tokenize } from '../text/tokenize.js';
import { cosineSimilarity } from '../vector-math/cosine.js';
import { assertQueryShape } from './query-shape.js';
import type { Hit, ScoredRecord, SearchQuery } from './query-types.js';
import type { StoreAdapter } from './store-adapter.js';

export const DEFAULT_SEARCH_K = 10;
export const MAX_SEARCH_K = 1_000;
/** The usual reciprocal-rank-fusion constant: damps the weight of the very first ranks. */
const RRF_CONSTANT = 60;

/** Runs a vector, text or hybrid search; hybrid fuses both rankings by reciprocal rank. */
export async function runSearch<K extends Kind>(
  adapter: StoreAdapter,
  kind: K,
  query: SearchQuery<K>,
  dimension: number,
): Promise<Hit<K>[]> {
  assertQueryShape(query, 'search query', ['where', 'vector', 'text', 'k']);
  const k = query.k ?? DEFAULT_SEARCH_K;
  if (!Number.isInteger(k) || k < 1 || k > MAX_SEARCH_K)
    throw new ValidationError(`k must be 1 to ${MAX_SEARCH_K}`);
  const filter = parseFilter(kind, query.where);
  const vector = query.vector === undefined ? null : parseQueryVector(query.vector, dimension);
  const text = query.text === undefined ? null : parseQueryText(query.text);
  if (!vector && !text) throw new ValidationError('search needs a vector, a text, or both');
  if (text && !adapter.capabilities.textSearch)
    throw new UnsupportedError(`${adapter.name} has no text search`);

  if (vector && !text) {
    const hits = await adapter.searchVector(kind, { filter, vector, k });
    return hits.map(({ record, score }) => ({ record, score, similarity: score }));
  }
  if (text && !vector) {
    const hits = await adapter.searchText(kind, { filter, ...text, k });
    return hits.map(({ record, score }) => ({ record, score, similarity: null }));
  }
  const pool = Math.min(MAX_SEARCH_K, Math.max(4 * k, 50));
  const [byVector, byText] = await Promise.all([
    adapter.searchVector(kind, { filter, vector: vector!, k: pool }),
    adapter.searchText(kind, { filter, ...text!, k: pool }),
  ]);
  return fuse(byVector, byText, vector!).slice(0, k);
}

function fuse<K extends Kind>(
  byVector: ScoredRecord<K>[],
  byText: ScoredRecord<K>[],
  vector: Float32Array,
): Hit<K>[] {
  const fused = new Map<string, { record: ScoredRecord<K>['record']; score: number }>();
  for (const list of [byVector, byText]) {
    list.forEach(({ record }, rank) => {
      const entry = fused.get(record.id) ?? { record, score: 0 };
      entry.score += 1 / (RRF_CONSTANT + rank + 1);
      fused.set(record.id, entry);
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || (a.record.id < b.record.id ? -1 : 1))
    .map(({ record, score }) => ({
      record,
      score,
      similarity: record.embedding ? cosineSimilarity(vector, record.embedding) : null,
    }));
}

function parseQueryVector(input: Float32Array | readonly number[], dimension: number): Float32Array {
  const vector = Float32Array.from(input);
  if (!vector.every(Number.isFinite))
    throw new ValidationError('query vector must not contain NaN or Infinity');
  if (!hasRankableNorm(vector))
    throw new ValidationError(
      `query vector length must be 0 or from ${MIN_VECTOR_NORM} to ${MAX_VECTOR_NORM}`,
    );
  assertDimension(vector, dimension);
  return vector;
}

function parseQueryText(text: string): { text: string; tokens: string[] } {
  if (typeof text !== 'string' || text.length > MAX_TEXT_QUERY_LENGTH) {
    throw new ValidationError(`text query must be a string of at most ${MAX_TEXT_QUERY_LENGTH} characters`);
  }
  const tokens = [...new Set(tokenize(text))];
  if (tokens.length === 0) throw new ValidationError('text query holds no word');
  return { text, tokens };
}
