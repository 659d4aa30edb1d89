import { useState } from 'preact/hooks';
import { unwrap } from '../../api/api-call.js';
import type { Schema } from '../../api/api-types.js';
import { useSession } from '../../session/session-context.js';
import { type CursorStack, currentCursor, FIRST_PAGE } from '../../ui/cursor-stack.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { formatInstant } from '../../ui/format-values.js';
import { JsonBlock } from '../../ui/json-block.js';
import { Loaded } from '../../ui/loaded.js';
import { PagerControls } from '../../ui/pager-controls.js';
import { useAction } from '../../ui/use-action.js';
import { useRequest } from '../../ui/use-request.js';
import { MemoryId } from './memory-id.js';

const PAGE_SIZE = 25;

/**
 * The archive, newest first, one page at a time, each memory with a Restore button. A new
 * `generation` (a merge archived memories) loads the page again.
 */
export function ArchivePanel({ generation }: { readonly generation: number }) {
  const { api, project } = useSession();
  const [stack, setStack] = useState<CursorStack>(FIRST_PAGE);
  const restore = useAction<Schema<'RestoredMemory'>>();
  const cursor = currentCursor(stack);
  const page = useRequest(`archive:${project}:${generation}:${cursor ?? ''}`, (signal) =>
    unwrap(
      api.GET('/v1/projects/{projectId}/archive', {
        params: {
          path: { projectId: project },
          query: { limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) },
        },
        signal,
      }),
    ),
  );
  const restoreOne = (entry: Schema<'ArchivedMemory'>) =>
    void restore.run(async () => {
      const restored = await unwrap(
        api.POST('/v1/projects/{projectId}/archive/{id}/restore', {
          params: { path: { projectId: project, id: entry.id } },
        }),
      );
      page.reload();
      return restored;
    });
  return (
    <section class="panel" aria-labelledby="archive-title">
      <h3 id="archive-title">Archive</h3>
      {restore.state.status === 'done' && (
        <p role="status" data-testid="archive-restored">
          Restored into {restore.state.result.kind}:{' '}
          <MemoryId id={restore.state.result.record.id} collection={restore.state.result.kind} />
        </p>
      )}
      {restore.state.status === 'error' && <ErrorMessage error={restore.state.error} />}
      <Loaded state={page}>
        {({ items, nextCursor }) => (
          <>
            {items.length === 0 ? (
              <p class="muted" data-testid="archive-empty">
                {stack.length === 0 ? 'The archive is empty.' : 'No more archived memories.'}
              </p>
            ) : (
              <table data-testid="archive-table">
                <thead>
                  <tr>
                    <th scope="col">Archived</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Agent</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Merged into</th>
                    <th scope="col">Record</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((entry) => (
                    <tr key={entry.id} data-testid="archive-row">
                      <th scope="row">{formatInstant(entry.archivedAt)}</th>
                      <td>{entry.originalKind}</td>
                      <td>{entry.agent}</td>
                      <td>{entry.reason}</td>
                      <td>{entry.mergedInto === null ? '—' : <code>{entry.mergedInto}</code>}</td>
                      <td>
                        <details>
                          <summary>
                            <code>{entry.originalId}</code>
                          </summary>
                          <JsonBlock value={entry.record} />
                        </details>
                      </td>
                      <td>
                        <button
                          type="button"
                          data-testid={`archive-restore-${entry.id}`}
                          aria-label={`Restore ${entry.originalKind} ${entry.originalId}`}
                          disabled={restore.state.status === 'running'}
                          onClick={() => restoreOne(entry)}
                        >
                          Restore
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <PagerControls
              label="Archive pages"
              testId="archive-pager"
              stack={stack}
              nextCursor={nextCursor}
              onChange={setStack}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}
