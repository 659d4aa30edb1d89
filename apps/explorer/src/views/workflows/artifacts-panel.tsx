import { useState } from 'preact/hooks';
import { unwrap } from '../../api/api-call.js';
import type { Schema } from '../../api/api-types.js';
import { useSession } from '../../session/session-context.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { formatInstant } from '../../ui/format-values.js';
import { useAction } from '../../ui/use-action.js';

/** The artifacts linked to a memory, by the memory's id. */
export function ArtifactsPanel() {
  const { api, project } = useSession();
  const [memoryId, setMemoryId] = useState('');
  const lookup = useAction<Schema<'MemoryArtifacts'>>();
  const { state } = lookup;
  return (
    <section class="panel" aria-labelledby="artifacts-title">
      <h3 id="artifacts-title">Artifacts of a memory</h3>
      <form
        data-testid="artifacts-form"
        onSubmit={(event) => {
          event.preventDefault();
          const id = memoryId.trim();
          void lookup.run(() =>
            unwrap(
              api.GET('/v1/projects/{projectId}/memories/{id}/artifacts', {
                params: { path: { projectId: project, id } },
              }),
            ),
          );
        }}
      >
        <label class="field">
          <span>Memory id</span>
          <input
            type="text"
            required
            spellcheck={false}
            data-testid="artifacts-memory-id"
            value={memoryId}
            onInput={(event) => setMemoryId(event.currentTarget.value)}
          />
        </label>
        <button type="submit" data-testid="artifacts-submit" disabled={state.status === 'running'}>
          Show artifacts
        </button>
      </form>
      {state.status === 'error' && <ErrorMessage error={state.error} />}
      {state.status === 'done' &&
        (state.result.items.length === 0 ? (
          <p class="muted" data-testid="artifacts-empty">
            No artifact is linked to <code>{state.result.memoryId}</code>.
          </p>
        ) : (
          <table data-testid="artifacts-table">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Location</th>
                <th scope="col">File name</th>
                <th scope="col">MIME type</th>
                <th scope="col">Bytes</th>
                <th scope="col">Linked</th>
              </tr>
            </thead>
            <tbody>
              {state.result.items.map((artifact) => (
                <tr key={artifact.id}>
                  <th scope="row">{artifact.artifactType}</th>
                  <td class="text">
                    <code>{artifact.storageUrl}</code>
                  </td>
                  <td>{artifact.filename ?? '—'}</td>
                  <td>{artifact.mimeType ?? '—'}</td>
                  <td class="number">{artifact.sizeBytes ?? '—'}</td>
                  <td>{formatInstant(artifact.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
