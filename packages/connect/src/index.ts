export * from './connect-options.js';
export * from './open-adapter.js';
export * from './open-store.js';
export * from './store-url.js';
export * from './vector-health.js';
