/**
 * Cursor paging with a way back: the API only hands out the next page's cursor, so the cursors of
 * the pages walked through are kept, newest last. Empty: the first page.
 */
export type CursorStack = readonly string[];

export const FIRST_PAGE: CursorStack = [];

/** The cursor to request the current page with; undefined on the first page. */
export function currentCursor(stack: CursorStack): string | undefined {
  return stack.at(-1);
}

export function nextPage(stack: CursorStack, nextCursor: string): CursorStack {
  return [...stack, nextCursor];
}

export function previousPage(stack: CursorStack): CursorStack {
  return stack.slice(0, -1);
}

/** 1 on the first page. */
export function pageNumber(stack: CursorStack): number {
  return stack.length + 1;
}
