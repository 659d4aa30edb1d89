export * from './capability-gate.js';
export * from './describe-conformance.js';
export * from './expect-error.js';
export * from './fixtures.js';
export * from './harness.js';
export * from './spec-context.js';
