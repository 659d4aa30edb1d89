import { unwrap } from '../../api/api-call.js';
import { useSession } from '../../session/session-context.js';
import { formatInstant } from '../../ui/format-values.js';
import { Loaded } from '../../ui/loaded.js';
import { useRequest } from '../../ui/use-request.js';

/** The API lists the latest runs first; older ones are not paged. */
const RUNS_SHOWN = 100;

/** The project's workflow runs that hold checkpoints; choosing one shows its chain. */
export function RunsTable({
  selected,
  onSelect,
}: {
  readonly selected: string | null;
  readonly onSelect: (runId: string) => void;
}) {
  const { api, project } = useSession();
  const runs = useRequest(`runs:${project}`, (signal) =>
    unwrap(
      api.GET('/v1/projects/{projectId}/workflow-runs', {
        params: { path: { projectId: project }, query: { limit: RUNS_SHOWN } },
        signal,
      }),
    ),
  );
  return (
    <section aria-labelledby="runs-title">
      <h3 id="runs-title">Runs</h3>
      <Loaded state={runs}>
        {({ items }) =>
          items.length === 0 ? (
            <p class="muted" data-testid="runs-empty">
              No workflow run has saved a checkpoint.
            </p>
          ) : (
            <>
              {items.length === RUNS_SHOWN && <p class="muted">The latest {RUNS_SHOWN} runs.</p>}
              <table data-testid="runs-table">
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Checkpoints</th>
                    <th scope="col">Named branches</th>
                    <th scope="col">Latest</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((run) => (
                    <tr key={run.runId} aria-current={run.runId === selected ? 'true' : undefined}>
                      <th scope="row">
                        <code>{run.runId}</code>
                      </th>
                      <td class="number">{run.checkpoints}</td>
                      <td>{run.branches.join(', ') || '—'}</td>
                      <td>{formatInstant(run.latestAt)}</td>
                      <td>
                        <button
                          type="button"
                          data-testid={`run-open-${run.runId}`}
                          aria-label={`Show checkpoints of run ${run.runId}`}
                          onClick={() => onSelect(run.runId)}
                        >
                          Show checkpoints
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
