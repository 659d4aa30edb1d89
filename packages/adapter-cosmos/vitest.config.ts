import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'adapter-cosmos',
      globalSetup: ['./test/cosmos-global-setup.ts'],
      // The engine scenario is 1,000 learn() calls, about 7,000 requests to the stand-in: 4-5 s on a
      // quiet machine, but 13-18 s measured at load 11, so the shared 30 s leaves too little room.
      testTimeout: 90_000,
    },
  }),
);
