export * from './file-config.js';
export * from './file-errors.js';
export { FileAdapter } from './file-store.js';
