import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from '../src/routing/app-routes.js';

describe('parseRoute and hrefOf', () => {
  const routes: Route[] = [
    { view: 'overview' },
    { view: 'lessons', kind: 'heuristics' },
    { view: 'lessons', kind: 'anti-patterns' },
    { view: 'record', kind: 'heuristics', id: '0190b2a4-6c1e-7c4f-9a7e-2f1d3c4b5a69' },
    { view: 'retrieve' },
    { view: 'forget' },
    { view: 'workflows' },
    { view: 'health' },
  ];

  it.each(routes)('round-trips $view', (route) => {
    expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('names the documented hashes', () => {
    expect(hrefOf({ view: 'lessons', kind: 'heuristics' })).toBe('#/lessons/heuristics');
    expect(parseRoute('#/record/anti-patterns/abc')).toEqual({
      view: 'record',
      kind: 'anti-patterns',
      id: 'abc',
    });
  });

  it.each([
    '',
    '#',
    '#main',
    '#/',
    '#/nowhere',
    '#/lessons',
    '#/lessons/outcomes',
    '#/record/heuristics',
    '#/record/heuristics/',
    '#/record/heuristics/a/b',
    '#/overview/extra',
    '#/record/heuristics/%E0%A4%A',
  ])('refuses %j', (hash) => {
    expect(parseRoute(hash)).toBeNull();
  });
});
