import { useState } from 'preact/hooks';
import { type ApiError, asApiError } from '../api/api-error.js';

export type ActionState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly result: T }
  | { readonly status: 'error'; readonly error: ApiError };

export interface Action<T> {
  readonly state: ActionState<T>;
  /** Runs the work unless a run is in progress; its result or error becomes the state. */
  run(work: () => Promise<T>): Promise<void>;
  reset(): void;
}

/** A user-triggered call (a form submit, a button): its progress, result or error. */
export function useAction<T>(): Action<T> {
  const [state, setState] = useState<ActionState<T>>({ status: 'idle' });
  return {
    state,
    async run(work) {
      if (state.status === 'running') return;
      setState({ status: 'running' });
      try {
        setState({ status: 'done', result: await work() });
      } catch (error) {
        setState({ status: 'error', error: asApiError(error) });
      }
    },
    reset: () => setState({ status: 'idle' }),
  };
}
