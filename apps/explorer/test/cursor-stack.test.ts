import { describe, expect, it } from 'vitest';
import { currentCursor, FIRST_PAGE, nextPage, pageNumber, previousPage } from '../src/ui/cursor-stack.js';

describe('cursor stack', () => {
  it('walks forward and back to the first page', () => {
    const second = nextPage(FIRST_PAGE, 'c2');
    const third = nextPage(second, 'c3');
    expect([currentCursor(FIRST_PAGE), currentCursor(second), currentCursor(third)]).toEqual([
      undefined,
      'c2',
      'c3',
    ]);
    expect(pageNumber(third)).toBe(3);
    expect(previousPage(third)).toEqual(second);
    expect(currentCursor(previousPage(second))).toBeUndefined();
    expect(pageNumber(previousPage(second))).toBe(1);
  });

  it('stays on the first page when going back from it', () => {
    expect(previousPage(FIRST_PAGE)).toEqual(FIRST_PAGE);
  });
});
