export * from './postgres-test-database.js';
