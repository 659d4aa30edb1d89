import type { ComponentChildren } from 'preact';
import { ErrorMessage } from './error-message.js';
import type { RequestState } from './use-request.js';

/** Shows a request's progress or refusal, and its data once loaded. */
export function Loaded<T>({
  state,
  children,
}: {
  readonly state: RequestState<T>;
  readonly children: (data: T) => ComponentChildren;
}) {
  if (state.status === 'loading') {
    return (
      <p role="status" class="muted">
        Loading…
      </p>
    );
  }
  if (state.status === 'error') return <ErrorMessage error={state.error} />;
  return <>{children(state.data)}</>;
}
