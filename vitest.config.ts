import { defineConfig } from 'vitest/config';

// One vitest run over every workspace project (editor integration, `npx vitest`);
// turbo runs each project's own config for cached per-package runs.
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*', 'test'] },
});
