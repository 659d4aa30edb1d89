import type { AddressInfo } from 'node:net';
import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';

/** Where the tests and the benchmark send their requests. */
export interface CosmosTarget {
  readonly endpoint: string;
  readonly key: string;
  /** The in-process protocol server rather than a real account. */
  readonly standIn: boolean;
}

export interface CosmosStandIn extends CosmosTarget {
  close(): Promise<void>;
}

/**
 * Starts `@vercel/cosmosdb-server` in this process on 127.0.0.1, over plain HTTP (its TLS
 * certificate has expired). It accepts any key and any document size: never test those against it.
 */
export async function startCosmosStandIn(): Promise<CosmosStandIn> {
  const server = createHttpServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: Buffer.from('stand-in').toString('base64'),
    standIn: true,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
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
