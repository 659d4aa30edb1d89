import type { BenchTable } from './bench-suite.js';

/** Renders a table as aligned plain text, numbers right-aligned. */
export function formatTable(table: BenchTable): string {
  const cells = [table.columns.map(String), ...table.rows.map((row) => row.map(formatCell))];
  const widths = table.columns.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const numeric = table.columns.map((_, c) => table.rows.every((row) => typeof row[c] === 'number'));
  const line = (row: readonly string[]) =>
    row.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const body = [line(cells[0]!), rule, ...cells.slice(1).map(line)];
  return [`## ${table.title}`, ...body, ...(table.notes ?? []).map((note) => `  ${note}`)].join('\n');
}

function formatCell(value: string | number): string {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 1
      ? value.toFixed(2)
      : value.toPrecision(3);
}
