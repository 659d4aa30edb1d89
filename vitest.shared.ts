import { defineConfig } from 'vitest/config';

// Tests import workspace packages through their public entry; the `@alma/source`
// export condition points that entry at TypeScript source so no build is needed first.
export const sharedTestConfig = defineConfig({
  resolve: { conditions: ['@alma/source'] },
  ssr: { resolve: { conditions: ['@alma/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The JSON file feeds scripts/test-summary.mjs, which prints the one closing line CI reads.
    reporters: ['default', ['json', { outputFile: '.vitest-result.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
