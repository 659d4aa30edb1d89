export * from './describe-engine-conformance.js';
export * from './engine-fixtures.js';
export * from './engine-spec-context.js';
export * from './expect-ranking.js';
export * from './learning-scenario.js';
