import {
  createDefaultHttpClient,
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from './cosmos-rest-pipeline.js';

/**
 * What one HTTP request was. 'query' carries a partition key (single-partition); a query without one
 * is 'cross-partition-query'; 'query-plan' is the SDK asking the gateway how to run a query.
 */
export type RequestKind =
  | 'point'
  | 'write'
  | 'batch'
  | 'query'
  | 'cross-partition-query'
  | 'query-plan'
  | 'metadata';

export interface RecordedRequest {
  readonly kind: RequestKind;
  readonly method: string;
  readonly path: string;
  readonly partitionKey: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** 0 until the answer arrives. */
  readonly status: number;
  /** Request units the service charged (x-ms-request-charge); the stand-in always says 1. */
  readonly requestCharge: number | null;
  /** performance.now() when the request was sent. */
  readonly sentAt: number;
}

type Mutable<T> = { -readonly [P in keyof T]: T[P] };

/**
 * Answers a request instead of the server (fault injection), possibly from the server's own answer
 * (`forward`), or returns undefined to let it through untouched.
 */
export type Interceptor = (
  request: PipelineRequest,
  kind: RequestKind,
  forward: () => Promise<PipelineResponse>,
) => Promise<PipelineResponse | undefined>;

/**
 * An HTTP client for CosmosClient that records every request the SDK makes (so tests can assert what
 * an operation costs) and can answer some of them itself (so tests can inject 429s and races).
 */
export class CosmosHttpRecorder implements HttpClient {
  readonly requests: RecordedRequest[] = [];
  interceptor: Interceptor | null = null;
  private readonly inner = createDefaultHttpClient();

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const kind = classify(request);
    // Recorded when sent, so a request the SDK fires without awaiting (a query plan) counts for the
    // operation that caused it; status and charge are filled in when the answer comes.
    const entry: Mutable<RecordedRequest> = {
      kind,
      method: request.method,
      path: new URL(request.url).pathname.replace(/^\/+/, '/'),
      partitionKey: request.headers.get('x-ms-documentdb-partitionkey') ?? null,
      headers: request.headers.toJSON(),
      status: 0,
      requestCharge: null,
      sentAt: performance.now(),
    };
    this.requests.push(entry);
    const forward = () => this.inner.sendRequest(request);
    const response = (await this.interceptor?.(request, kind, forward)) ?? (await forward());
    entry.status = response.status;
    entry.requestCharge = chargeOf(response);
    return response;
  }

  /** Runs `work` and returns the requests it made. */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; requests: RecordedRequest[] }> {
    const start = this.requests.length;
    const result = await work();
    return { result, requests: this.requests.slice(start) };
  }

  /** A response as the service would send it, e.g. a 429 with its retry-after. */
  static response(
    request: PipelineRequest,
    status: number,
    headers: Record<string, string>,
    body: unknown,
  ): PipelineResponse {
    return {
      request,
      status,
      headers: createHttpHeaders({ 'content-type': 'application/json', ...headers }),
      bodyAsText: JSON.stringify(body),
    };
  }
}

function classify(request: PipelineRequest): RequestKind {
  const header = (name: string) => request.headers.get(name);
  const path = new URL(request.url).pathname.replace(/^\/+/, '/').replace(/\/+$/, '');
  if (header('x-ms-cosmos-is-query-plan-request')?.toLowerCase() === 'true') return 'query-plan';
  if (header('x-ms-cosmos-is-batch-request')?.toLowerCase() === 'true') return 'batch';
  const isQuery =
    header('x-ms-documentdb-isquery')?.toLowerCase() === 'true' ||
    header('content-type') === 'application/query+json';
  if (isQuery && /\/docs$/.test(path)) {
    return header('x-ms-documentdb-partitionkey') === undefined ? 'cross-partition-query' : 'query';
  }
  if (/\/docs\/[^/]+$/.test(path)) return 'point';
  if (/\/docs$/.test(path) && request.method === 'POST') return 'write';
  return 'metadata';
}

function chargeOf(response: PipelineResponse): number | null {
  const charge = Number(response.headers.get('x-ms-request-charge'));
  return Number.isFinite(charge) ? charge : null;
}
