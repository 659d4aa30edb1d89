import type { LessonKind } from '../../routing/app-routes.js';
import { useSession } from '../../session/session-context.js';
import { formatInstant } from '../../ui/format-values.js';
import { Loaded } from '../../ui/loaded.js';
import { useRequest } from '../../ui/use-request.js';
import { lessonLineage } from '../lessons/lesson-api.js';

/** The outcomes a lesson was learnt from, with their result and date. */
export function LineageTable({ kind, id }: { readonly kind: LessonKind; readonly id: string }) {
  const { api, project } = useSession();
  const lineage = useRequest(`lineage:${project}:${kind}:${id}`, (signal) =>
    lessonLineage(api, project, kind, id, signal),
  );
  return (
    <section aria-labelledby="lineage-title">
      <h3 id="lineage-title">Lineage</h3>
      <Loaded state={lineage}>
        {(outcomes) =>
          outcomes.length === 0 ? (
            <p class="muted" data-testid="lineage-empty">
              No recorded outcome led to this record.
            </p>
          ) : (
            <table data-testid="lineage-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Result</th>
                  <th scope="col">Task type</th>
                  <th scope="col">Task</th>
                  <th scope="col">Strategy used</th>
                  <th scope="col">Agent</th>
                </tr>
              </thead>
              <tbody>
                {outcomes.map((outcome) => (
                  <tr key={outcome.id}>
                    <th scope="row">{formatInstant(outcome.timestamp)}</th>
                    <td class={outcome.success ? 'success' : 'failure'}>
                      {outcome.success ? 'Success' : 'Failure'}
                    </td>
                    <td>{outcome.taskType}</td>
                    <td class="text">{outcome.taskDescription}</td>
                    <td class="text">{outcome.strategyUsed}</td>
                    <td>{outcome.agent}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
