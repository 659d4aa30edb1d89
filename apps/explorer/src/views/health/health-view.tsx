import { unwrap } from '../../api/api-call.js';
import { useSession } from '../../session/session-context.js';
import { Loaded } from '../../ui/loaded.js';
import { useRequest } from '../../ui/use-request.js';

/** The store's schema migrations and, where the backend keeps one apart, its vector index. */
export function HealthView() {
  const { api, project } = useSession();
  const health = useRequest(`health:${project}`, (signal) =>
    unwrap(api.GET('/v1/projects/{projectId}/health', { params: { path: { projectId: project } }, signal })),
  );
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">Health</h2>
      <Loaded state={health}>
        {({ schema, vectorIndex }) => (
          <>
            <section aria-labelledby="schema-title" data-testid="health-schema">
              <h3 id="schema-title">Schema</h3>
              <dl class="fields">
                <div>
                  <dt>Backend</dt>
                  <dd>{schema.backend}</dd>
                </div>
                <div>
                  <dt>Applied migrations</dt>
                  <dd>{schema.applied.length}</dd>
                </div>
                <div>
                  <dt>Pending migrations</dt>
                  <dd class={schema.pending.length > 0 ? 'failure' : undefined}>{schema.pending.length}</dd>
                </div>
              </dl>
              {schema.pending.length > 0 && (
                <div class="error" role="alert" data-testid="health-pending">
                  <p>
                    Migrations are pending; run <code>alma db migrate</code>:
                  </p>
                  <ul>
                    {schema.pending.map((name) => (
                      <li key={name}>
                        <code>{name}</code>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <details>
                <summary>Applied migrations</summary>
                <ol>
                  {schema.applied.map((name) => (
                    <li key={name}>
                      <code>{name}</code>
                    </li>
                  ))}
                </ol>
              </details>
            </section>
            <section aria-labelledby="vector-title" data-testid="health-vector-index">
              <h3 id="vector-title">Vector index</h3>
              {vectorIndex === null ? (
                <p class="muted">This backend searches its own rows: it keeps no separate vector index.</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Kind</th>
                      <th scope="col">Rows with an embedding</th>
                      <th scope="col">Indexed rows</th>
                      <th scope="col">Outbox backlog</th>
                    </tr>
                  </thead>
                  <tbody>
                    {vectorIndex.map((row) => (
                      <tr key={row.kind}>
                        <th scope="row">{row.kind}</th>
                        <td class="number">{row.rowsWithEmbedding}</td>
                        <td class={row.indexedRows < row.rowsWithEmbedding ? 'number failure' : 'number'}>
                          {row.indexedRows}
                        </td>
                        <td class="number">{row.outboxBacklog}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </>
        )}
      </Loaded>
    </section>
  );
}
