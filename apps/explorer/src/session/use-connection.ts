import { useEffect, useMemo, useState } from 'preact/hooks';
import { unwrap } from '../api/api-call.js';
import { type ApiClient, createApiClient } from '../api/api-client.js';
import { ApiError, asApiError } from '../api/api-error.js';
import { forgetApiKey, readApiKey, saveApiKey } from './api-key-store.js';

/** Where the app stands with the server: asking it, needing a key, unreachable, or connected. */
export type ConnectionState =
  | { readonly stage: 'probing' }
  | { readonly stage: 'needs-key'; readonly refusal: ApiError | null }
  | { readonly stage: 'failed'; readonly error: ApiError }
  | { readonly stage: 'connected'; readonly projects: readonly string[] };

export interface Connection {
  readonly state: ConnectionState;
  readonly api: ApiClient;
  readonly hasKey: boolean;
  /** Keeps the key for this tab and connects with it. */
  submitKey(key: string): void;
  /** Drops the key and connects again (without one, a keyless server still answers). */
  dropKey(): void;
  retry(): void;
}

/** A key refused in the middle of a session (revoked, say): the view that saw it is replaced by the key form. */
const REVOKED = new ApiError(401, 'UNAUTHORIZED', 'the server no longer accepts this API key', null);

/**
 * Connects by listing the projects, first without asking for a key: a keyless server
 * (`--insecure-local`) answers at once; a 401, then or later, drops the key and asks for one.
 */
export function useConnection(): Connection {
  const [state, setState] = useState<ConnectionState>({ stage: 'probing' });
  const [attempt, setAttempt] = useState(0);
  const api = useMemo(
    () =>
      createApiClient({
        apiKey: readApiKey,
        onUnauthorized: () => {
          const hadKey = readApiKey() !== null;
          forgetApiKey();
          setState({ stage: 'needs-key', refusal: hadKey ? REVOKED : null });
        },
      }),
    [],
  );
  useEffect(() => {
    let current = true;
    const sentKey = readApiKey() !== null;
    setState({ stage: 'probing' });
    unwrap(api.GET('/v1/projects')).then(
      ({ projects }) => current && setState({ stage: 'connected', projects }),
      (error: unknown) => {
        if (!current) return;
        const refusal = asApiError(error);
        // Without a key, a 401 only says that this server wants one: no refusal to show.
        if (refusal.status === 401) setState({ stage: 'needs-key', refusal: sentKey ? refusal : null });
        else setState({ stage: 'failed', error: refusal });
      },
    );
    return () => {
      current = false;
    };
  }, [api, attempt]);
  const again = () => setAttempt((n) => n + 1);
  return {
    state,
    api,
    hasKey: readApiKey() !== null,
    submitKey(key) {
      saveApiKey(key);
      again();
    },
    dropKey() {
      forgetApiKey();
      again();
    },
    retry: again,
  };
}
