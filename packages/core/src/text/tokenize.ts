/** Longest text query, in characters. */
export const MAX_TEXT_QUERY_LENGTH = 1_000;

/**
 * Splits text into lowercase words of letters and digits. The text-search contract is stated in
 * these tokens: a record matches a query when it holds every query token.
 */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}
