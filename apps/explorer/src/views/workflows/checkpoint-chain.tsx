import { useState } from 'preact/hooks';
import { unwrap } from '../../api/api-call.js';
import { useSession } from '../../session/session-context.js';
import { type CursorStack, currentCursor, FIRST_PAGE } from '../../ui/cursor-stack.js';
import { formatInstant } from '../../ui/format-values.js';
import { JsonBlock } from '../../ui/json-block.js';
import { Loaded } from '../../ui/loaded.js';
import { PagerControls } from '../../ui/pager-controls.js';
import { useRequest } from '../../ui/use-request.js';
import { type Checkpoint, checkpointBranches, checkpointElementId } from './checkpoint-branches.js';

/** Moves focus to a checkpoint shown on the page (a parent), without touching the route's hash. */
function focusCheckpoint(id: string): void {
  const element = document.getElementById(checkpointElementId(id));
  element?.focus();
  element?.scrollIntoView({ block: 'center' });
}

/** Checkpoints per page: a long run is read in pages, in sequence order. */
const CHECKPOINT_PAGE = 200;

function ParentLink({
  parentId,
  byId,
  earlierPages,
}: {
  readonly parentId: string | null;
  readonly byId: ReadonlyMap<string, Checkpoint>;
  /** A parent comes before its child: one not on this page may be on an earlier one. */
  readonly earlierPages: boolean;
}) {
  if (parentId === null) return <span class="muted">no parent</span>;
  const parent = byId.get(parentId);
  if (parent === undefined)
    return (
      <span class="muted">
        parent {parentId} ({earlierPages ? 'on an earlier page, or deleted' : 'deleted'})
      </span>
    );
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

/** A run's checkpoints, a page at a time, by branch, each with a link to its parent and its state. */
export function CheckpointChain({ runId }: { readonly runId: string }) {
  const { api, project } = useSession();
  const [stack, setStack] = useState<CursorStack>(FIRST_PAGE);
  const cursor = currentCursor(stack);
  const checkpoints = useRequest(`checkpoints:${project}:${runId}:${cursor ?? ''}`, (signal) =>
    unwrap(
      api.GET('/v1/projects/{projectId}/workflow-runs/{runId}/checkpoints', {
        params: {
          path: { projectId: project, runId },
          query: { limit: CHECKPOINT_PAGE, ...(cursor === undefined ? {} : { cursor }) },
        },
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
        {({ items, nextCursor }) => {
          if (items.length === 0 && stack.length === 0)
            return <p class="muted">This run has no checkpoints left.</p>;
          const byId = new Map(items.map((checkpoint) => [checkpoint.id, checkpoint]));
          const branches = checkpointBranches(items).map(({ branchId, checkpoints: list }) => (
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
                      <ParentLink
                        parentId={checkpoint.parentCheckpointId}
                        byId={byId}
                        earlierPages={stack.length > 0}
                      />
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
          return (
            <>
              {branches}
              <PagerControls
                label="Checkpoint pages"
                testId="checkpoints-pager"
                stack={stack}
                nextCursor={nextCursor}
                onChange={setStack}
              />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
