import { hrefOf } from '../../routing/app-routes.js';
import { formatInstant } from '../../ui/format-values.js';
import type { AntiPattern } from './lesson-api.js';

export function AntiPatternsTable({ items }: { readonly items: readonly AntiPattern[] }) {
  return (
    <table data-testid="anti-patterns-table">
      <thead>
        <tr>
          <th scope="col">Pattern</th>
          <th scope="col">Better alternative</th>
          <th scope="col">Agent</th>
          <th scope="col">Occurrences</th>
          <th scope="col">Last seen</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {items.map((antiPattern) => (
          <tr key={antiPattern.id} data-testid="lesson-row">
            <th scope="row" class="text">
              <a
                href={hrefOf({ view: 'record', kind: 'anti-patterns', id: antiPattern.id })}
                data-testid={`lesson-link-${antiPattern.id}`}
              >
                {antiPattern.pattern}
              </a>
            </th>
            <td class="text">{antiPattern.betterAlternative}</td>
            <td>{antiPattern.agent}</td>
            <td class="number">{antiPattern.occurrenceCount}</td>
            <td>{formatInstant(antiPattern.lastSeen)}</td>
            <td>{formatInstant(antiPattern.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
