import type { Schema } from '../../api/api-types.js';

const ROWS: readonly {
  readonly key: 'outcomes' | 'heuristics' | 'domainKnowledge' | 'antiPatterns';
  readonly label: string;
}[] = [
  { key: 'outcomes', label: 'Outcomes' },
  { key: 'heuristics', label: 'Heuristics' },
  { key: 'domainKnowledge', label: 'Domain knowledge' },
  { key: 'antiPatterns', label: 'Anti-patterns' },
];

/** The counts a forget deleted, or in a preview would delete. */
export function ForgetReportTable({
  report,
  testId,
}: {
  readonly report: Schema<'ForgetReport'>;
  readonly testId: string;
}) {
  return (
    <table data-testid={testId}>
      <caption>{report.dryRun ? 'Would be deleted' : 'Deleted'}</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Records</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(({ key, label }) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td class="number">{report[key]}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td class="number">{report.total}</td>
        </tr>
      </tfoot>
    </table>
  );
}
