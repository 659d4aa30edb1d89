import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { keepDocumentsOnContainerReplace } from './cosmos-container-replace.js';
import { InProcessHttpClient } from './cosmos-in-process-client.js';
import { isPatchRequest, withPatchConditionKept } from './cosmos-patch-condition.js';
import { answerQueryPlan, isQueryPlanRequest } from './cosmos-query-plan.js';
import type { HttpClient } from './cosmos-rest-pipeline.js';

/** Where the tests and the benchmark send their requests. */
export interface CosmosTarget {
  readonly endpoint: string;
  readonly key: string;
  /** The in-process protocol server rather than a real account. */
  readonly standIn: boolean;
}

export interface CosmosStandIn extends CosmosTarget {
  /** Reaches this stand-in without a socket: pass it as a client's `httpClient`. */
  readonly httpClient: HttpClient;
  close(): Promise<void>;
}

/**
 * Starts `@vercel/cosmosdb-server` in this process on 127.0.0.1, over plain HTTP (its TLS
 * certificate has expired). It accepts any key and any document size: never test those against it.
 * Four of its habits are brought in line with a real account. Two doubled the cost of a request:
 * it keeps connections alive rather than closing each after one answer, and it answers the query
 * plan the SDK asks for before every query without running the query. The third broke conditional
 * patches: it evaluates their filter predicate with the case of property names intact. The fourth
 * lost data: replacing a container's settings dropped its documents (cosmos-container-replace.ts).
 */
export async function startCosmosStandIn(): Promise<CosmosStandIn> {
  keepDocumentsOnContainerReplace();
  const server = createHttpServer({ keepAlive: true });
  const [serve] = server.listeners('request') as RequestListener[];
  if (serve === undefined) throw new TypeError('@vercel/cosmosdb-server registered no request handler');
  const handle: RequestListener = (request, response) => {
    if (isPatchRequest(request)) {
      void withPatchConditionKept(request).then((kept) => serve(kept, response));
      return;
    }
    if (!isQueryPlanRequest(request.headers)) return serve(request, response);
    // The body is drained so that the connection can carry the next request.
    request.resume();
    request.once('end', () => answerQueryPlan(response));
  };
  server.removeAllListeners('request');
  server.on('request', handle);
  // Listening is also what makes the stand-in create its account, which in-process requests use too.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: Buffer.from('stand-in').toString('base64'),
    standIn: true,
    httpClient: new InProcessHttpClient(handle),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Kept-alive sockets of clients nobody disposed must not hold the close up.
        server.closeAllConnections();
      }),
  };
}

/** The target named by COSMOS_ENDPOINT and COSMOS_KEY, or null when they are not set. */
export function realAccountFromEnvironment(): CosmosTarget | null {
  const endpoint = process.env.COSMOS_ENDPOINT;
  const key = process.env.COSMOS_KEY;
  return endpoint && key ? { endpoint, key, standIn: false } : null;
}

/**
 * A client for a target. The stand-in advertises https:// locations it does not serve, so endpoint
 * discovery stays off for it; a real account keeps the SDK's defaults.
 */
export function cosmosClientFor(
  target: CosmosTarget,
  extra: Partial<CosmosClientOptions> = {},
): CosmosClient {
  return new CosmosClient({
    endpoint: target.endpoint,
    key: target.key,
    ...extra,
    connectionPolicy: {
      ...(target.standIn ? { enableEndpointDiscovery: false } : {}),
      ...extra.connectionPolicy,
    },
  });
}
