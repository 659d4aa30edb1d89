import { MAX_WORD_BYTES } from '../model/limits.js';

/** Longest text query, in characters. */
export const MAX_TEXT_QUERY_LENGTH = 1_000;

/**
 * Splits text into lowercase words of letters and digits. The text-search contract is stated in
 * these tokens: a record matches a query when it holds every query token.
 */
export function tokenize(text: string): string[] {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  // A UTF-16 unit is at most three UTF-8 bytes: only a long word needs measuring.
  return words.some((word) => word.length * 3 > MAX_WORD_BYTES) ? words.filter(isSearchableWord) : words;
}

/** Words past MAX_WORD_BYTES are searchable nowhere, as PostgreSQL's tsvector cannot index them. */
function isSearchableWord(word: string): boolean {
  return Buffer.byteLength(word, 'utf8') <= MAX_WORD_BYTES;
}
