/** What a test sends: a JSON body (or raw text), a key, extra headers. */
export interface CallOptions {
  readonly key?: string | null;
  readonly body?: unknown;
  /** Sent as is instead of `body`, with the content type given in headers (default JSON). */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface CallResult<T> {
  readonly status: number;
  readonly headers: Headers;
  /** The JSON body, typed as the test expects it (checked by its assertions); null when there is none. */
  readonly json: T;
  readonly text: string;
}

/** The error body of every refusal. */
export interface ErrorJson {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly requestId: string;
    readonly details?: { readonly issues?: readonly { path: string; message: string }[] };
  };
}

/** A record as the API returns it. */
export type RecordJson = { readonly id: string } & Readonly<Record<string, unknown>>;

/** One real HTTP request to the test server. */
export async function call<T = ErrorJson>(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, json: json as T, text };
}
