import { describe, expect, it } from 'vitest';
import { formatInstant, formatPercent, formatScore } from '../src/ui/format-values.js';

describe('format values', () => {
  it('shows instants in UTC to the minute', () => {
    expect(formatInstant('2025-03-04T05:06:07.890Z')).toBe('2025-03-04 05:06 UTC');
    expect(formatInstant(null)).toBe('—');
    expect(formatInstant('not a date')).toBe('not a date');
  });

  it('shows ratios as percents and scores to two decimals', () => {
    expect(formatPercent(0.75)).toBe('75%');
    expect(formatPercent(0.0125)).toBe('1.3%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('—');
    expect(formatScore(0.8666)).toBe('0.87');
  });
});
