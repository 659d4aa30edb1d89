import { describe, expect, it } from 'vitest';
import { formatTable } from '../src/format-table.js';
import { quantile } from '../src/measure.js';

describe('bench tables and measures', () => {
  it('aligns a table: text left, numbers right, grouped and rounded', () => {
    const text = formatTable({
      title: 'demo',
      columns: ['store', 'records', 'ratio'],
      rows: [
        ['sqlite', 10_000, 0.4567],
        ['postgres', 100_000, 12.345],
      ],
      notes: ['a note'],
    });
    expect(text.split('\n')).toEqual([
      '## demo',
      'store     records  ratio',
      '--------  -------  -----',
      'sqlite     10,000  0.457',
      'postgres  100,000  12.35',
      '  a note',
    ]);
  });

  it('takes quantiles by nearest rank', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(quantile(samples, 0.5)).toBe(3);
    expect(quantile(samples, 0.95)).toBe(5);
    expect(quantile(samples, 0)).toBe(1);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});
