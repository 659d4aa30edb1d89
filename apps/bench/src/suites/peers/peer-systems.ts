import { almaPostgresSystem, almaSqliteSystem } from './alma-systems.js';
import { langgraphSystem } from './langgraph-system.js';
import { mem0System } from './mem0-system.js';
import type { PeerSystem } from './peer-system.js';

/** Every system of a round, in round 1's order; each cycle gets a fresh instance (and database). */
export const PEER_SYSTEMS: readonly (() => PeerSystem)[] = [
  almaPostgresSystem,
  almaSqliteSystem,
  langgraphSystem,
  () => mem0System(true),
  () => mem0System(false),
];

/** The ALMA stores every peer is compared with, by name in the ratio keys and key in the figures. */
export const BASELINES: readonly { readonly name: string; readonly key: string }[] = [
  { name: 'AlmaPostgres', key: 'almaPostgres' },
  { name: 'AlmaSqlite', key: 'almaSqlite' },
];

/** The peers; one with several configurations is compared at the one chosen per data set. */
export const PEERS: readonly { readonly name: string; readonly configurations: readonly string[] }[] = [
  { name: 'langgraph', configurations: ['langgraph'] },
  { name: 'mem0', configurations: ['mem0Hnsw', 'mem0Scan'] },
];
