/** How a failed attempt should be handled. */
export type RetryVerdict = { readonly retry: false } | { readonly retry: true; readonly afterMs?: number };

export interface RetryOptions {
  readonly maxRetries: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Waits; tests pass one that records instead of sleeping. */
  readonly sleep?: (milliseconds: number) => Promise<void>;
  /** 0..1; tests pin it. */
  readonly random?: () => number;
}

const defaultSleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * Runs `attempt` until it succeeds, the verdict says stop, or the retries run out. Waits follow
 * exponential backoff with full jitter, unless the server named a delay (Retry-After), which wins up to `maxBackoffMs`.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  verdict: (error: unknown) => RetryVerdict,
  options: RetryOptions,
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attemptNumber = 0; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const decision = verdict(error);
      if (!decision.retry || attemptNumber >= options.maxRetries) throw error;
      const ceiling = Math.min(options.maxBackoffMs, options.initialBackoffMs * 2 ** attemptNumber);
      await sleep(Math.min(options.maxBackoffMs, decision.afterMs ?? Math.round(random() * ceiling)));
    }
  }
}
