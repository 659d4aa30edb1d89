import type { BenchSuite } from './bench-suite.js';

/** Suites by name, loaded on demand so one suite's heavy dependencies never slow another. */
export const SUITES: Readonly<Record<string, () => Promise<BenchSuite>>> = {
  cosmos: async () => (await import('./suites/cosmos/cosmos-suite.js')).cosmosSuite,
  engine: async () => (await import('./suites/engine/engine-suite.js')).engineSuite,
  explorer: async () => (await import('./suites/explorer/explorer-suite.js')).explorerSuite,
  peers: async () => (await import('./suites/peers/peers-suite.js')).peersSuite,
  server: async () => (await import('./suites/server/server-suite.js')).serverSuite,
  sql: async () => (await import('./suites/sql/sql-suite.js')).sqlSuite,
  startup: async () => (await import('./suites/startup/startup-suite.js')).startupSuite,
  store: async () => (await import('./suites/store/store-suite.js')).storeSuite,
  transfer: async () => (await import('./suites/transfer/transfer-suite.js')).transferSuite,
  vector: async () => (await import('./suites/vector/vector-suite.js')).vectorSuite,
};
