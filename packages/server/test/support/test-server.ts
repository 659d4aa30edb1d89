import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CreatedApiKey,
  createApiKey,
  type RunningServer,
  revokeApiKey,
  type ServerDeps,
  type ServerOptionsInput,
  startServer,
} from '@alma/server';

/** The keys every test server has: one per project, one for both, and a revoked one. */
export interface TestKeys {
  readonly alpha: string;
  readonly beta: string;
  readonly both: string;
  readonly revoked: string;
}

export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  readonly keys: TestKeys;
  readonly keysFile: string;
  readonly directory: string;
  /** Stops the server (closing its store) and removes its files. */
  close(): Promise<void>;
}

/** A server on 127.0.0.1 with a random port, over the store URL given (default: SQLite in a temp dir). */
export async function startTestServer(
  options: ServerOptionsInput & { readonly storeUrl?: (directory: string) => string } = {},
  deps: ServerDeps = {},
): Promise<TestServer> {
  const { storeUrl, ...serverOptions } = options;
  const directory = await mkdtemp(join(tmpdir(), 'alma-server-'));
  const keysFile = join(directory, 'keys.json');
  const token = async (projects: string[]): Promise<CreatedApiKey> => createApiKey(keysFile, { projects });
  const revoked = await token(['alpha']);
  await revokeApiKey(keysFile, revoked.id);
  const keys = {
    alpha: (await token(['alpha'])).token,
    beta: (await token(['beta'])).token,
    both: (await token(['alpha', 'beta'])).token,
    revoked: revoked.token,
  };
  let server: RunningServer;
  try {
    server = await startServer(
      {
        store: storeUrl ? storeUrl(directory) : `sqlite:${join(directory, 'alma.db')}`,
        port: 0,
        keysFile,
        logLevel: 'silent',
        ...serverOptions,
      },
      { cwd: directory, ...deps },
    );
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    server,
    url: server.url,
    keys,
    keysFile,
    directory,
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
