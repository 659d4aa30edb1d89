import type { Embedder } from '@alma/core';
import { DimensionMismatchError, MAX_DIMENSION, StorageError, ValidationError } from '@alma/core';
import { z } from 'zod';
import { configNumber, httpTuningShape } from './embedder-config.js';
import { type RetryVerdict, withRetries } from './retry-policy.js';

const optionsSchema = z.strictObject({
  model: z.string().min(1),
  dimension: configNumber(z.number().int().min(1).max(MAX_DIMENSION)),
  apiKey: z.string().min(1, 'apiKey must not be empty'),
  /** OpenAI or any server speaking its API; ignored when `azure` is set. */
  baseUrl: z.url().default('https://api.openai.com/v1'),
  azure: z
    .strictObject({
      endpoint: z.url(),
      deployment: z.string().min(1),
      apiVersion: z.string().min(1).default('2024-10-21'),
    })
    .optional(),
  ...httpTuningShape,
});

export type OpenAIEmbedderOptions = z.input<typeof optionsSchema>;
type Settings = z.output<typeof optionsSchema>;

/** What the embedder needs from its surroundings; tests replace them. */
export interface OpenAIEmbedderDeps {
  readonly fetch?: typeof fetch;
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly random?: () => number;
}

const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);

const responseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })),
});

/** A failed HTTP exchange, before it is turned into an AlmaError. */
class HttpFailure extends Error {
  constructor(
    readonly status: number | null,
    message: string,
    readonly retryAfterMs: number | undefined,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Embeddings from OpenAI, Azure OpenAI or any server speaking the OpenAI embeddings API: batched
 * requests, retries with backoff on throttling and server errors, and a dimension check on every
 * vector. Texts without any non-space character map to the zero vector without a request.
 * @example new OpenAIEmbedder({ model: 'text-embedding-3-small', dimension: 1536, apiKey })
 */
export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  private readonly settings: Settings;
  private readonly fetch: typeof fetch;

  constructor(
    options: OpenAIEmbedderOptions,
    private readonly deps: OpenAIEmbedderDeps = {},
  ) {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new ValidationError(`invalid OpenAI embedder options: ${parsed.error.issues[0]?.message}`, {
        cause: parsed.error,
      });
    }
    this.settings = Object.freeze(parsed.data);
    this.dimension = this.settings.dimension;
    // Azure serves the same models, so the vector space (and the id) is named by the model alone.
    this.id = `openai:${this.settings.model}:${this.dimension}`;
    this.fetch = deps.fetch ?? globalThis.fetch;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = texts.map(() => new Float32Array(this.dimension));
    const pending = texts.flatMap((text, index) => (text.trim() === '' ? [] : [{ text, index }]));
    for (let start = 0; start < pending.length; start += this.settings.batchSize) {
      const batch = pending.slice(start, start + this.settings.batchSize);
      const embeddings = await this.request(batch.map((item) => item.text));
      batch.forEach((item, i) => {
        vectors[item.index] = embeddings[i]!;
      });
    }
    return vectors;
  }

  private async request(input: string[]): Promise<Float32Array[]> {
    const { url, headers } = this.endpoint();
    const body = JSON.stringify({
      input,
      encoding_format: 'float',
      ...(this.settings.azure ? {} : { model: this.settings.model }),
      ...(this.settings.requestDimensions ? { dimensions: this.dimension } : {}),
    });
    const payload = await withRetries(() => this.post(url, headers, body), retryVerdict, {
      ...this.settings,
      ...this.deps,
    }).catch((error: unknown) => {
      throw toAlmaError(error, this.id);
    });
    return this.vectorsOf(payload, input.length);
  }

  private endpoint(): { url: string; headers: Record<string, string> } {
    const { azure, apiKey, baseUrl } = this.settings;
    if (azure) {
      const root = azure.endpoint.replace(/\/+$/, '');
      return {
        url: `${root}/openai/deployments/${encodeURIComponent(azure.deployment)}/embeddings?api-version=${encodeURIComponent(azure.apiVersion)}`,
        headers: { 'content-type': 'application/json', 'api-key': apiKey },
      };
    }
    return {
      url: `${baseUrl.replace(/\/+$/, '')}/embeddings`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    };
  }

  private async post(url: string, headers: Record<string, string>, body: string): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (cause) {
      throw new HttpFailure(null, `request failed: ${(cause as Error).message}`, undefined, { cause });
    }
    const text = await response.text();
    if (!response.ok) {
      throw new HttpFailure(
        response.status,
        `HTTP ${response.status}: ${errorMessageOf(text)}`,
        retryAfterMs(response.headers),
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new HttpFailure(response.status, 'response is not JSON', undefined, { cause });
    }
  }

  private vectorsOf(payload: unknown, expected: number): Float32Array[] {
    const parsed = responseSchema.safeParse(payload);
    if (!parsed.success || parsed.data.data.length !== expected) {
      throw new StorageError(`${this.id} answered with no embedding list for ${expected} inputs`, {
        details: { provider: this.id },
      });
    }
    const ordered = [...parsed.data.data].sort((a, b) => a.index - b.index);
    return ordered.map(({ embedding }) => {
      if (embedding.length !== this.dimension) {
        throw new DimensionMismatchError(this.dimension, embedding.length, {
          details: { provider: this.id, reason: 'the provider returned vectors of another dimension' },
        });
      }
      return Float32Array.from(embedding);
    });
  }
}

function retryVerdict(error: unknown): RetryVerdict {
  if (!(error instanceof HttpFailure)) return { retry: false };
  if (error.status === null) return { retry: true };
  if (!RETRYABLE_STATUS.has(error.status)) return { retry: false };
  return error.retryAfterMs === undefined ? { retry: true } : { retry: true, afterMs: error.retryAfterMs };
}

/** Azure sends `retry-after-ms`; OpenAI and proxies send `retry-after` in seconds or as a date. */
function retryAfterMs(headers: Headers): number | undefined {
  const millis = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(millis) && millis >= 0) return millis;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function errorMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return body.error.message;
  } catch {
    // Not JSON: the raw text (shortened) says more than nothing.
  }
  return text.slice(0, 200) || 'no body';
}

/** The provider rejected the input (4xx other than throttling): a ValidationError; anything else: StorageError. */
function toAlmaError(error: unknown, provider: string): Error {
  if (!(error instanceof HttpFailure)) return error as Error;
  const details = { provider, status: error.status };
  const rejected = error.status !== null && error.status >= 400 && error.status < 500;
  if (rejected && !RETRYABLE_STATUS.has(error.status!) && error.status !== 401 && error.status !== 403) {
    return new ValidationError(`${provider} rejected the request: ${error.message}`, {
      details,
      cause: error,
    });
  }
  return new StorageError(`${provider} failed: ${error.message}`, { details, cause: error });
}
