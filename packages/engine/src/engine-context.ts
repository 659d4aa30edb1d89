import type { MemoryStore } from '@alma/core';
import type { AgentScopes } from './agent-scopes.js';
import type { AlmaConfig } from './engine-config.js';
import type { VectorCache } from './vector-cache.js';

/** What every engine operation works with: one project of one store, seen through the agents' scopes. */
export interface EngineContext {
  readonly config: AlmaConfig;
  readonly projectId: string;
  readonly store: MemoryStore;
  readonly vectors: VectorCache;
  readonly scopes: AgentScopes;
  readonly clock: () => Date;
}
