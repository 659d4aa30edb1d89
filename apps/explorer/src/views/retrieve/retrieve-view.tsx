import { unwrap } from '../../api/api-call.js';
import { useSession } from '../../session/session-context.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { useAction } from '../../ui/use-action.js';
import { useAgentNames } from '../../ui/use-agent-names.js';
import { RetrieveForm } from './retrieve-form.js';
import { ScoredGroupList } from './scored-group-list.js';
import { type RetrieveResult, scoredGroups } from './scored-groups.js';

/** Runs a retrieval and shows what an agent would get: scored memories per kind and the prompt block. */
export function RetrieveView() {
  const { api, project } = useSession();
  const agents = useAgentNames();
  const retrieval = useAction<RetrieveResult>();
  const { state } = retrieval;
  return (
    <section aria-labelledby="retrieve-title">
      <h2 id="retrieve-title">Retrieve</h2>
      <RetrieveForm
        agents={agents}
        busy={state.status === 'running'}
        onSubmit={(body) =>
          void retrieval.run(() =>
            unwrap(
              api.POST('/v1/projects/{projectId}/retrieve', {
                params: { path: { projectId: project } },
                body,
              }),
            ),
          )
        }
      />
      {state.status === 'running' && (
        <p role="status" class="muted">
          Retrieving…
        </p>
      )}
      {state.status === 'error' && <ErrorMessage error={state.error} />}
      {state.status === 'done' && (
        <section aria-labelledby="retrieved-title" data-testid="retrieve-result">
          <h3 id="retrieved-title">
            Retrieved for {state.result.agent}
            {state.result.mode === null ? '' : ` (${state.result.mode})`}
          </h3>
          {scoredGroups(state.result).map((group) => (
            <ScoredGroupList key={group.key} group={group} />
          ))}
          <h3>Prompt</h3>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
          <pre class="prompt" tabIndex={0} data-testid="retrieve-prompt">
            {state.result.prompt}
          </pre>
        </section>
      )}
    </section>
  );
}
