import { unwrap } from '../../api/api-call.js';
import { useSession } from '../../session/session-context.js';
import { formatInstant } from '../../ui/format-values.js';
import { JsonBlock } from '../../ui/json-block.js';
import { Loaded } from '../../ui/loaded.js';
import { useRequest } from '../../ui/use-request.js';
import { type Checkpoint, checkpointBranches, checkpointElementId } from './checkpoint-branches.js';

/** Moves focus to a checkpoint shown on the page (a parent), without touching the route's hash. */
function focusCheckpoint(id: string): void {
  const element = document.getElementById(checkpointElementId(id));
  element?.focus();
  element?.scrollIntoView({ block: 'center' });
}

function ParentLink({
  parentId,
  byId,
}: {
  readonly parentId: string | null;
  readonly byId: ReadonlyMap<string, Checkpoint>;
}) {
  if (parentId === null) return <span class="muted">no parent</span>;
  const parent = byId.get(parentId);
  if (parent === undefined) return <span class="muted">parent {parentId} (deleted)</span>;
  return (
    <button
      type="button"
      class="link"
      data-testid={`checkpoint-parent-${parentId}`}
      onClick={() => focusCheckpoint(parentId)}
    >
      parent #{parent.sequenceNumber} ({parent.nodeId})
    </button>
  );
}

/** Every checkpoint of a run, by branch, each with a link to its parent and its state. */
export function CheckpointChain({ runId }: { readonly runId: string }) {
  const { api, project } = useSession();
  const checkpoints = useRequest(`checkpoints:${project}:${runId}`, (signal) =>
    unwrap(
      api.GET('/v1/projects/{projectId}/workflow-runs/{runId}/checkpoints', {
        params: { path: { projectId: project, runId } },
        signal,
      }),
    ),
  );
  return (
    <section aria-labelledby="chain-title" data-testid="checkpoint-chain">
      <h3 id="chain-title">
        Checkpoints of run <code>{runId}</code>
      </h3>
      <Loaded state={checkpoints}>
        {({ items }) => {
          if (items.length === 0) return <p class="muted">This run has no checkpoints left.</p>;
          const byId = new Map(items.map((checkpoint) => [checkpoint.id, checkpoint]));
          return checkpointBranches(items).map(({ branchId, checkpoints: list }) => (
            <section
              key={branchId ?? ''}
              aria-label={`Branch ${branchId ?? 'main'}`}
              data-testid="checkpoint-branch"
            >
              <h4>
                {branchId === null ? (
                  'Main line'
                ) : (
                  <>
                    Branch <code>{branchId}</code>
                  </>
                )}
              </h4>
              <ol class="chain">
                {list.map((checkpoint) => (
                  <li key={checkpoint.id} id={checkpointElementId(checkpoint.id)} tabIndex={-1}>
                    <p>
                      <strong>#{checkpoint.sequenceNumber}</strong> node <code>{checkpoint.nodeId}</code> ·{' '}
                      {formatInstant(checkpoint.createdAt)} ·{' '}
                      <ParentLink parentId={checkpoint.parentCheckpointId} byId={byId} />
                    </p>
                    <details>
                      <summary>State ({checkpoint.stateHash.slice(0, 12)})</summary>
                      <JsonBlock value={checkpoint.state} />
                    </details>
                  </li>
                ))}
              </ol>
            </section>
          ));
        }}
      </Loaded>
    </section>
  );
}
