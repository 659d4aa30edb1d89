import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.js';

// Cross-package suites; the tests live in folders by subject (round-trip/, upgrade/), not under test/.
export default mergeConfig(
  sharedTestConfig,
  defineProject({ test: { name: 'e2e', include: ['round-trip/**/*.test.ts', 'upgrade/**/*.test.ts'] } }),
);
