import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './openapi.js';

/** The typed REST client: same-origin `/v1/...`, the API key (when there is one) as a bearer token. */
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** The key to send, read on every request; null sends none (keyless servers). */
  readonly apiKey: () => string | null;
  /** Called on every 401, so the app can ask for a key. */
  readonly onUnauthorized: () => void;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl: window.location.origin });
  client.use({
    onRequest({ request }) {
      const key = options.apiKey();
      if (key !== null) request.headers.set('Authorization', `Bearer ${key}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthorized();
      return response;
    },
  });
  return client;
}
