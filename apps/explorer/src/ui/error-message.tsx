import type { ApiError } from '../api/api-error.js';

/** A refusal as the server worded it: `FORBIDDEN — this key does not grant project x`. */
export function ErrorMessage({ error }: { readonly error: ApiError }) {
  return (
    <div class="error" role="alert" data-testid="error-message">
      <p>{error.summary}</p>
      {error.requestId !== null && <p class="muted">Request id {error.requestId}</p>}
    </div>
  );
}
