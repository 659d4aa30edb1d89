import type { Verification } from '@alma/core';

/** The verification as a table: one row per kind and project, counts on both sides, and whether the hashes agree. */
export function verificationTable(verification: Verification): string {
  const header = ['kind', 'project', 'source', 'target', 'sha256 (source)', 'status'];
  const rows = verification.rows.map((row) => [
    row.kind,
    row.projectId,
    row.sourceCount.toLocaleString('en-US'),
    row.targetCount.toLocaleString('en-US'),
    row.sourceSha256?.slice(0, 12) ?? '-',
    row.status === 'match' ? 'ok' : row.status === 'extra' ? 'target only (not copied)' : 'DIFFERS',
  ]);
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((row) => row[c]!.length)));
  const right = new Set([2, 3]);
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
