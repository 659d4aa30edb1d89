import type { Schema } from '../../api/api-types.js';
import { formatScore } from '../../ui/format-values.js';
import { MemoryId } from './memory-id.js';

/** The near-duplicate groups a consolidation found (or merged): the memory kept, those merged into it. */
export function MergeGroupsTable({ report }: { readonly report: Schema<'ConsolidationReport'> }) {
  if (report.groups.length === 0) {
    return (
      <p class="muted" data-testid="consolidate-no-groups">
        No near-duplicates among {report.memoriesProcessed} {report.kind}.
      </p>
    );
  }
  return (
    <table data-testid={report.dryRun ? 'consolidate-groups' : 'consolidate-merged'}>
      <caption>
        {report.dryRun
          ? `${report.groups.length} groups among ${report.memoriesProcessed} ${report.kind}`
          : `Merged ${report.mergedCount} ${report.kind} into ${report.groups.length}`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Kept</th>
          <th scope="col">{report.dryRun ? 'To merge into it' : 'Merged into it (archived)'}</th>
          <th scope="col">Lowest similarity</th>
        </tr>
      </thead>
      <tbody>
        {report.groups.map((group) => (
          <tr key={group.keptId}>
            <th scope="row">
              <MemoryId id={group.keptId} collection={report.kind} />
            </th>
            <td>
              <ul class="plain">
                {group.mergedIds.map((id) => (
                  <li key={id}>
                    <MemoryId id={id} collection={report.kind} />
                  </li>
                ))}
              </ul>
            </td>
            <td class="number">{formatScore(group.similarity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
