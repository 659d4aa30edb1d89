import type { TestProject } from 'vitest/node';
import { realAccountFromEnvironment, startCosmosStandIn } from '../src/testing/index.js';

/** One protocol server for the whole run, unless COSMOS_ENDPOINT and COSMOS_KEY name a real account. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const account = realAccountFromEnvironment();
  if (account) {
    project.provide('cosmosTarget', account);
    return async () => {};
  }
  const standIn = await startCosmosStandIn();
  project.provide('cosmosTarget', { endpoint: standIn.endpoint, key: standIn.key, standIn: true });
  return () => standIn.close();
}
