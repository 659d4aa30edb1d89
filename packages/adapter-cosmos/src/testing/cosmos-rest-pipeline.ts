import { createRequire } from 'node:module';
import type { CosmosClientOptions } from '@azure/cosmos';

/** What CosmosClient sends its requests through (its `httpClient` option). */
export type HttpClient = NonNullable<CosmosClientOptions['httpClient']>;
export type PipelineRequest = Parameters<HttpClient['sendRequest']>[0];
export type PipelineResponse = Awaited<ReturnType<HttpClient['sendRequest']>>;

interface RestPipeline {
  createDefaultHttpClient(): HttpClient;
  createHttpHeaders(raw?: Record<string, string>): PipelineResponse['headers'];
}

// The SDK's own HTTP client comes from its dependency @azure/core-rest-pipeline, resolved from the
// SDK's location: wrapping it keeps every byte on the wire exactly what the adapter would send.
const require = createRequire(import.meta.url);
const pipeline = createRequire(require.resolve('@azure/cosmos'))('@azure/core-rest-pipeline') as RestPipeline;

/** The HTTP client the SDK uses when given none. */
export function createDefaultHttpClient(): HttpClient {
  return pipeline.createDefaultHttpClient();
}

/** Response headers in the SDK's own type. */
export function createHttpHeaders(raw: Record<string, string>): PipelineResponse['headers'] {
  return pipeline.createHttpHeaders(raw);
}
