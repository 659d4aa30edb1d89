/** Project ids once each, in code-unit order (the export's order), whatever order they came in. */
export function projectList(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
