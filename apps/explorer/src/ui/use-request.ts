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
 * `reload()`; a load that a newer one replaced is aborted and never shown.
 */
export function useRequest<T>(key: string, load: (signal: AbortSignal) => Promise<T>): LoadedRequest<T> {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    latest.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error))
          setState({ status: 'error', error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, [key, version]);
  return { ...state, reload: () => setVersion((v) => v + 1) };
}
