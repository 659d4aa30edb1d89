import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'adapter-cosmos',
      globalSetup: ['./test/cosmos-global-setup.ts'],
      // The engine scenario is 1,000 learn() calls, each a few HTTP round trips to the in-process
      // server: 10-20 s alone, past the shared 30 s on a machine busy with other suites.
      testTimeout: 90_000,
    },
  }),
);
