import { describe, expect, it } from 'vitest';
import { activityByAgent, daysBetween, epochSecondsOf } from '../src/views/overview/activity-series.js';

describe('daysBetween', () => {
  it('lists every UTC day, both ends included, from dates or instants', () => {
    expect(daysBetween('2025-02-27', '2025-03-02')).toEqual([
      '2025-02-27',
      '2025-02-28',
      '2025-03-01',
      '2025-03-02',
    ]);
    expect(daysBetween('2025-03-01T00:00:00.000Z', '2025-03-01T23:59:59.999Z')).toEqual(['2025-03-01']);
  });

  it('is empty for a reversed or malformed range, and bounded for a huge one', () => {
    expect(daysBetween('2025-03-02', '2025-03-01')).toEqual([]);
    expect(daysBetween('soon', '2025-03-01')).toEqual([]);
    expect(daysBetween('1900-01-01', '2100-01-01')).toHaveLength(366);
  });
});

describe('activityByAgent', () => {
  it('fills every day of the window for each agent, agents by name', () => {
    const agents = activityByAgent({
      from: '2025-03-01',
      to: '2025-03-03',
      outcomes: [
        { date: '2025-03-01', agent: 'tester', successes: 2, failures: 1 },
        { date: '2025-03-03', agent: 'coder', successes: 0, failures: 4 },
        { date: '2025-02-01', agent: 'coder', successes: 9, failures: 9 },
      ],
      lessons: [{ date: '2025-03-02', agent: 'tester', heuristics: 1, antiPatterns: 2 }],
    });
    expect(agents).toEqual([
      {
        agent: 'coder',
        days: ['2025-03-01', '2025-03-02', '2025-03-03'],
        successes: [0, 0, 0],
        failures: [0, 0, 4],
        heuristics: [0, 0, 0],
        antiPatterns: [0, 0, 0],
      },
      {
        agent: 'tester',
        days: ['2025-03-01', '2025-03-02', '2025-03-03'],
        successes: [2, 0, 0],
        failures: [1, 0, 0],
        heuristics: [0, 1, 0],
        antiPatterns: [0, 2, 0],
      },
    ]);
  });

  it('has no agent for an empty store', () => {
    expect(activityByAgent({ from: '2025-03-01', to: '2025-03-30', outcomes: [], lessons: [] })).toEqual([]);
  });

  it('puts days at UTC midnight for the chart', () => {
    expect(epochSecondsOf('1970-01-02')).toBe(86_400);
  });
});
