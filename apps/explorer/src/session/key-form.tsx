import { useState } from 'preact/hooks';
import type { ApiError } from '../api/api-error.js';
import { ErrorMessage } from '../ui/error-message.js';

/** Asks for an API key once; it is kept in this tab's session storage. */
export function KeyForm({
  refusal,
  onSubmit,
}: {
  readonly refusal: ApiError | null;
  readonly onSubmit: (key: string) => void;
}) {
  const [key, setKey] = useState('');
  return (
    <section class="panel narrow" aria-labelledby="key-form-title">
      <h2 id="key-form-title">API key</h2>
      <p>
        This server needs an API key (<code>alma keys create --project P</code>). It is sent as a bearer token
        and kept in this tab only, until the tab is closed.
      </p>
      {refusal !== null && <ErrorMessage error={refusal} />}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (key.trim() !== '') onSubmit(key.trim());
        }}
      >
        <label class="field">
          <span>API key</span>
          <input
            type="password"
            autocomplete="off"
            spellcheck={false}
            required
            data-testid="api-key-input"
            value={key}
            onInput={(event) => setKey(event.currentTarget.value)}
          />
        </label>
        <button type="submit" data-testid="api-key-submit">
          Connect
        </button>
      </form>
    </section>
  );
}
