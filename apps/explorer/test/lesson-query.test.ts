import { describe, expect, it } from 'vitest';
import { FIRST_PAGE, nextPage } from '../src/ui/cursor-stack.js';
import { lessonQueryOf, successRate } from '../src/views/lessons/lesson-query.js';

describe('lessonQueryOf', () => {
  const controls = { agent: '', sort: 'confidence', order: 'asc', limit: 25 } as const;

  it('leaves out an empty agent filter and the first page’s cursor', () => {
    expect(lessonQueryOf(controls, FIRST_PAGE)).toEqual({ limit: 25, order: 'asc', sort: 'confidence' });
  });

  it('names the agent and the current page’s cursor', () => {
    expect(lessonQueryOf({ ...controls, agent: 'coder' }, nextPage(FIRST_PAGE, 'c2'))).toEqual({
      limit: 25,
      order: 'asc',
      sort: 'confidence',
      agent: 'coder',
      cursor: 'c2',
    });
  });
});

describe('successRate', () => {
  it('is successes over occurrences, or null before the first use', () => {
    expect(successRate(3, 4)).toBe(0.75);
    expect(successRate(0, 0)).toBeNull();
  });
});
