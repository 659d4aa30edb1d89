export * from './describe-vector-index-conformance.js';
export * from './synthetic-vectors.js';
export * from './vector-assertions.js';
export * from './vector-fixtures.js';
export * from './vector-index-harness.js';
export * from './vector-spec-context.js';
