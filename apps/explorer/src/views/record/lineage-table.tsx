import { useState } from 'preact/hooks';
import type { LessonKind } from '../../routing/app-routes.js';
import { useSession } from '../../session/session-context.js';
import { type CursorStack, currentCursor, FIRST_PAGE } from '../../ui/cursor-stack.js';
import { formatInstant } from '../../ui/format-values.js';
import { Loaded } from '../../ui/loaded.js';
import { PagerControls } from '../../ui/pager-controls.js';
import { useRequest } from '../../ui/use-request.js';
import { lessonLineage } from '../lessons/lesson-api.js';

/** The outcomes a lesson was learnt from, with their result and date, a page at a time. */
export function LineageTable({ kind, id }: { readonly kind: LessonKind; readonly id: string }) {
  const { api, project } = useSession();
  const [stack, setStack] = useState<CursorStack>(FIRST_PAGE);
  const cursor = currentCursor(stack);
  const lineage = useRequest(`lineage:${project}:${kind}:${id}:${cursor ?? ''}`, (signal) =>
    lessonLineage(api, project, kind, id, cursor, signal),
  );
  return (
    <section aria-labelledby="lineage-title">
      <h3 id="lineage-title">Lineage</h3>
      <Loaded state={lineage}>
        {({ items: outcomes, nextCursor }) =>
          outcomes.length === 0 && stack.length === 0 ? (
            <p class="muted" data-testid="lineage-empty">
              No recorded outcome led to this record.
            </p>
          ) : (
            <>
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
              <PagerControls
                label="Lineage pages"
                testId="lineage-pager"
                stack={stack}
                nextCursor={nextCursor}
                onChange={setStack}
              />
            </>
          )
        }
      </Loaded>
    </section>
  );
}
