import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiKey, type RunningServer, startServer } from '@alma/server';

/** The explorer's build, which the browser tests load from a real server. */
export const EXPLORER_DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

export interface ExplorerServer {
  readonly url: string;
  readonly key: string;
  /** Calls the REST API of the project with the key: how the tests set up and check the store. */
  api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }>;
  close(): Promise<void>;
}

/**
 * `alma serve` on a fresh SQLite store, serving the build at /ui: with one API key for `project`, or
 * keyless (`--insecure-local`) where the key is empty.
 */
export async function startExplorerServer(
  options: { readonly project?: string; readonly keyless?: boolean } = {},
): Promise<ExplorerServer> {
  const project = options.project ?? 'demo';
  const directory = await mkdtemp(join(tmpdir(), 'alma-explorer-'));
  const keysFile = join(directory, 'keys.json');
  const key = options.keyless ? '' : (await createApiKey(keysFile, { projects: [project] })).token;
  let server: RunningServer;
  try {
    server = await startServer({
      store: `sqlite:${join(directory, 'alma.db')}`,
      port: 0,
      keysFile,
      uiDirectory: EXPLORER_DIST,
      insecureLocal: options.keyless ?? false,
      logLevel: 'silent',
    });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const api = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/v1/projects/${project}${path}`, {
      method,
      headers: {
        ...(key === '' ? {} : { authorization: `Bearer ${key}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as T };
  };
  return {
    url: server.url,
    key,
    api,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** What the quickstart teaches, through the API: a deploy agent's lessons, facts and preferences. */
export async function seedDemo(server: ExplorerServer): Promise<void> {
  const learn = (success: boolean, strategyUsed: string, errorMessage?: string) =>
    server.api('POST', '/learn', {
      agent: 'deployer',
      taskType: 'deploy',
      taskDescription: 'deploy the billing service',
      success,
      strategyUsed,
      ...(errorMessage ? { errorMessage } : {}),
    });
  for (let i = 0; i < 3; i++) await learn(true, 'blue-green switch with a health check');
  for (let i = 0; i < 2; i++)
    await learn(false, 'restart every instance at once', 'requests failed during restart');
  await server.api('POST', '/domain-knowledge', {
    agent: 'deployer',
    domain: 'deploy',
    fact: 'the billing service needs two healthy instances',
    source: 'runbook',
  });
  await server.api('POST', '/preferences', {
    userId: 'ana',
    category: 'communication',
    preference: 'short status updates',
    source: 'explicit_instruction',
  });
}
