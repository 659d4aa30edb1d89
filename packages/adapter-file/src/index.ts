export { FileAdapter } from './file-adapter.js';
export * from './file-config.js';
export * from './file-errors.js';
