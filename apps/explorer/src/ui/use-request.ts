import { useEffect, useRef, useState } from 'preact/hooks';
import { isAbort } from '../api/api-call.js';
import { type ApiError, asApiError } from '../api/api-error.js';

export type RequestState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly data: T }
  | { readonly status: 'error'; readonly error: ApiError };

export type LoadedRequest<T> = RequestState<T> & { readonly reload: () => void };

/**
 * Loads data for a view: again whenever `key` changes (it names everything `load` reads) or on
 * `reload()`; a load that a newer one replaced is aborted and never shown. Data of another key is
 * never returned either: the render right after a key changes (before the effect starts the new
 * load) says loading, not the previous key's answer.
 */
export function useRequest<T>(key: string, load: (signal: AbortSignal) => Promise<T>): LoadedRequest<T> {
  const [answer, setAnswer] = useState<{ readonly key: string; readonly state: RequestState<T> }>({
    key,
    state: { status: 'loading' },
  });
  const [version, setVersion] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    const controller = new AbortController();
    const settle = (state: RequestState<T>) => {
      if (!controller.signal.aborted) setAnswer({ key, state });
    };
    settle({ status: 'loading' });
    latest.current(controller.signal).then(
      (data) => settle({ status: 'ok', data }),
      (error: unknown) => {
        if (!isAbort(error)) settle({ status: 'error', error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, [key, version]);
  const state: RequestState<T> = answer.key === key ? answer.state : { status: 'loading' };
  return { ...state, reload: () => setVersion((v) => v + 1) };
}
