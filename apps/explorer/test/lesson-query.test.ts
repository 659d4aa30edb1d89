import { describe, expect, it } from 'vitest';
import { FIRST_PAGE, nextPage } from '../src/ui/cursor-stack.js';
import { lessonQueryOf, lessonSearchOf, successRate } from '../src/views/lessons/lesson-query.js';

const controls = { agent: '', search: '', sort: 'confidence', order: 'asc', limit: 25 } as const;

describe('lessonQueryOf', () => {
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

describe('lessonSearchOf', () => {
  it('browses (null) when the search holds no more than spaces', () => {
    expect(lessonSearchOf(controls)).toBeNull();
    expect(lessonSearchOf({ ...controls, search: '  ' })).toBeNull();
  });

  it('searches the trimmed words, as many matches as a page holds, within the agent chosen', () => {
    expect(lessonSearchOf({ ...controls, search: ' flaky tests ', agent: 'coder', limit: 50 })).toEqual({
      q: 'flaky tests',
      limit: 50,
      agent: 'coder',
    });
  });
});

describe('successRate', () => {
  it('is successes over occurrences, or null before the first use', () => {
    expect(successRate(3, 4)).toBe(0.75);
    expect(successRate(0, 0)).toBeNull();
  });
});
