import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  readonly clients: number;
  /** The run stops at this time or at `maxRequests`, whichever comes first. */
  readonly durationMs: number;
  readonly maxRequests: number;
  /** One request; resolves to its HTTP status. */
  readonly send: (sequence: number) => Promise<number>;
}

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  /** Milliseconds per request, in completion order. */
  readonly latencies: readonly number[];
}

/** Closed-loop load: each client sends its next request when the previous one answers. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const client = async () => {
    while (performance.now() < deadline && issued < options.maxRequests) {
      const sequence = issued++;
      const sent = performance.now();
      try {
        const status = await options.send(sequence);
        if (status < 200 || status >= 300) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return { requests: latencies.length, errors, seconds: (performance.now() - started) / 1_000, latencies };
}
