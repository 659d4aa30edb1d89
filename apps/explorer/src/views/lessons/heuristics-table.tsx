import { hrefOf } from '../../routing/app-routes.js';
import { formatInstant, formatPercent, formatScore } from '../../ui/format-values.js';
import type { Heuristic } from './lesson-api.js';
import { successRate } from './lesson-query.js';

export function HeuristicsTable({ items }: { readonly items: readonly Heuristic[] }) {
  return (
    <table data-testid="heuristics-table">
      <thead>
        <tr>
          <th scope="col">Condition</th>
          <th scope="col">Strategy</th>
          <th scope="col">Agent</th>
          <th scope="col">Confidence</th>
          <th scope="col">Occurrences</th>
          <th scope="col">Success rate</th>
          <th scope="col">Last validated</th>
        </tr>
      </thead>
      <tbody>
        {items.map((heuristic) => (
          <tr key={heuristic.id} data-testid="lesson-row">
            <th scope="row" class="text">
              <a
                href={hrefOf({ view: 'record', kind: 'heuristics', id: heuristic.id })}
                data-testid={`lesson-link-${heuristic.id}`}
              >
                {heuristic.condition}
              </a>
            </th>
            <td class="text">{heuristic.strategy}</td>
            <td>{heuristic.agent}</td>
            <td class="number">{formatScore(heuristic.confidence)}</td>
            <td class="number">{heuristic.occurrenceCount}</td>
            <td class="number">
              {formatPercent(successRate(heuristic.successCount, heuristic.occurrenceCount))}
            </td>
            <td>{formatInstant(heuristic.lastValidated)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
