import { useState } from 'preact/hooks';
import { ErrorMessage } from '../../ui/error-message.js';
import { useAction } from '../../ui/use-action.js';

/** Deletes a record after a second, explicit confirmation. */
export function DeleteControl({
  what,
  onDelete,
}: {
  /** `heuristic`, `anti-pattern`: named in the confirmation. */
  readonly what: string;
  readonly onDelete: () => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const deletion = useAction<void>();
  if (!confirming) {
    return (
      <button type="button" class="danger" data-testid="record-delete" onClick={() => setConfirming(true)}>
        Delete…
      </button>
    );
  }
  return (
    <fieldset class="confirm">
      <legend>Delete this {what} for good? This cannot be undone.</legend>
      <button
        type="button"
        class="danger"
        data-testid="record-delete-confirm"
        disabled={deletion.state.status === 'running'}
        onClick={() => void deletion.run(onDelete)}
      >
        Delete {what}
      </button>
      <button type="button" data-testid="record-delete-cancel" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {deletion.state.status === 'error' && <ErrorMessage error={deletion.state.error} />}
    </fieldset>
  );
}
