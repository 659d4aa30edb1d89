import type { Kind, MemoryInput } from '../model/kinds.js';
import { TEST_DIMENSION } from './spec-context.js';

export const PROJECT = 'proj-a';
export const OTHER_PROJECT = 'proj-b';

/** Deterministic pseudo-random numbers (mulberry32), so every backend sees the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomVector(random: () => number, dimension = TEST_DIMENSION): Float32Array {
  return Float32Array.from({ length: dimension }, () => random() * 2 - 1);
}

/** A valid input of each kind, with every required field and nothing optional. */
export function sampleInput<K extends Kind>(
  kind: K,
  overrides: Partial<MemoryInput<K>> = {},
): MemoryInput<K> {
  const base: { [Q in Kind]: MemoryInput<Q> } = {
    heuristic: {
      projectId: PROJECT,
      agent: 'coder',
      condition: 'tests fail after refactor',
      strategy: 'run the suite',
    },
    outcome: {
      projectId: PROJECT,
      agent: 'coder',
      taskType: 'refactor',
      taskDescription: 'rename module files',
      success: true,
      strategyUsed: 'small steps',
    },
    preference: {
      projectId: PROJECT,
      userId: 'user-1',
      category: 'style',
      preference: 'tabs',
      source: 'explicit',
    },
    domainKnowledge: {
      projectId: PROJECT,
      agent: 'coder',
      domain: 'build',
      fact: 'turbo caches',
      source: 'docs',
    },
    antiPattern: {
      projectId: PROJECT,
      agent: 'coder',
      pattern: 'sleep in tests',
      whyBad: 'flaky',
      betterAlternative: 'await the event',
    },
    checkpoint: {
      projectId: PROJECT,
      runId: 'run-1',
      nodeId: 'plan',
      sequenceNumber: 1,
      state: { step: 'plan', done: ['fetch'] },
      stateHash: 'a'.repeat(64),
    },
    workflowOutcome: {
      projectId: PROJECT,
      agent: 'coder',
      workflowId: 'release',
      runId: 'run-1',
      result: 'success',
      summary: 'shipped the release after one retry',
    },
    artifactLink: {
      projectId: PROJECT,
      memoryId: '01900000-0000-7000-8000-000000000001',
      artifactType: 'log',
      storageUrl: 'file:///var/log/run-1.log',
    },
    archivedMemory: {
      projectId: PROJECT,
      originalKind: 'heuristic',
      originalId: '01900000-0000-7000-8000-000000000002',
      agent: 'coder',
      reason: 'consolidated',
      record: { condition: 'tests fail after refactor', strategy: 'run the suite' },
    },
  };
  return { ...base[kind], ...overrides } as MemoryInput<K>;
}
