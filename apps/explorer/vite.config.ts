import { defineConfig } from 'vite';

/** The server serves the build at /ui; `vite` (dev) forwards the API to a local `alma serve`. */
export default defineConfig({
  base: '/ui/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Nothing inlined as data: URLs or in the HTML: the server's CSP allows 'self' only.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:8765' },
  },
});
