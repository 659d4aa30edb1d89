import { unwrap } from '../../api/api-call.js';
import type { Schema } from '../../api/api-types.js';
import { useSession } from '../../session/session-context.js';
import { Loaded } from '../../ui/loaded.js';
import { useRequest } from '../../ui/use-request.js';

const KIND_LABELS: Readonly<Record<keyof Schema<'Stats'>['counts'], string>> = {
  heuristic: 'Heuristics',
  antiPattern: 'Anti-patterns',
  outcome: 'Outcomes',
  preference: 'Preferences',
  domainKnowledge: 'Domain knowledge',
  checkpoint: 'Checkpoints',
  workflowOutcome: 'Workflow outcomes',
  artifactLink: 'Artifact links',
  archivedMemory: 'Archived memories',
};

/** How many records of each kind the project holds. */
export function KindCounts() {
  const { api, project } = useSession();
  const stats = useRequest(`stats:${project}`, (signal) =>
    unwrap(api.GET('/v1/projects/{projectId}/stats', { params: { path: { projectId: project } }, signal })),
  );
  return (
    <section aria-labelledby="counts-title">
      <h3 id="counts-title">Records per kind</h3>
      <Loaded state={stats}>
        {({ counts, total }) => (
          <>
            {total === 0 && (
              <p class="muted" data-testid="counts-empty">
                The project holds no records yet.
              </p>
            )}
            <table data-testid="kind-counts">
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Records</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(KIND_LABELS).map(([kind, label]) => (
                  <tr key={kind}>
                    <th scope="row">{label}</th>
                    <td class="number">{counts[kind as keyof typeof counts]}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td class="number">{total}</td>
                </tr>
              </tfoot>
            </table>
          </>
        )}
      </Loaded>
    </section>
  );
}
