import { unwrap } from '../../api/api-call.js';
import { useSession } from '../../session/session-context.js';
import { Loaded } from '../../ui/loaded.js';
import { useRequest } from '../../ui/use-request.js';

const listed = (names: readonly string[] | undefined) =>
  names === undefined ? 'any' : names.join(', ') || '—';

/** The project's agents and their scopes. */
export function AgentList() {
  const { api, project } = useSession();
  const agents = useRequest(`agents:${project}`, (signal) =>
    unwrap(api.GET('/v1/projects/{projectId}/agents', { params: { path: { projectId: project } }, signal })),
  );
  return (
    <section aria-labelledby="agents-title">
      <h3 id="agents-title">Agents</h3>
      <Loaded state={agents}>
        {({ mode, agents: scopes }) => {
          const names = Object.keys(scopes).sort();
          return (
            <>
              <p class="muted">
                {mode === 'configured'
                  ? 'Declared by the configuration file.'
                  : 'Open: each agent is declared on first use.'}
              </p>
              {names.length === 0 ? (
                <p class="muted" data-testid="agents-empty">
                  No agents yet.
                </p>
              ) : (
                <table data-testid="agent-list">
                  <thead>
                    <tr>
                      <th scope="col">Agent</th>
                      <th scope="col">May learn</th>
                      <th scope="col">May not learn</th>
                      <th scope="col">Reads from</th>
                      <th scope="col">Shares with</th>
                    </tr>
                  </thead>
                  <tbody>
                    {names.map((name) => {
                      const scope = scopes[name]!;
                      return (
                        <tr key={name}>
                          <th scope="row">{name}</th>
                          <td>{listed(scope.canLearn)}</td>
                          <td>{listed(scope.cannotLearn)}</td>
                          <td>{listed(scope.inheritFrom)}</td>
                          <td>{listed(scope.shareWith)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
