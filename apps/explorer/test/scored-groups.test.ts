import { describe, expect, it } from 'vitest';
import { type RetrieveResult, scoredGroups } from '../src/views/retrieve/scored-groups.js';

const base = {
  projectId: 'p',
  createdAt: '2025-03-01T00:00:00.000Z',
  updatedAt: '2025-03-01T00:00:00.000Z',
  metadata: {},
  tenantId: null,
  workflowId: null,
  runId: null,
  nodeId: null,
};
const factors = { similarity: 0.9, recency: 0.5, success: 1, confidence: 0.8 };

describe('scoredGroups', () => {
  it('gives every kind a group, in the prompt’s order, with one line per memory', () => {
    const result: RetrieveResult = {
      task: 'ship',
      agent: 'coder',
      mode: null,
      prompt: '',
      memories: {
        heuristics: [
          {
            record: {
              ...base,
              id: 'h1',
              agent: 'coder',
              condition: 'tests are flaky',
              strategy: 'rerun once',
              confidence: 0.8,
              occurrenceCount: 4,
              successCount: 3,
              lastValidated: '2025-03-01T00:00:00.000Z',
            },
            score: 0.87,
            factors,
            similarity: 0.91,
            shared: false,
          },
        ],
        outcomes: [],
        preferences: [],
        domainKnowledge: [],
        antiPatterns: [],
      },
    };
    const groups = scoredGroups(result);
    expect(groups.map(({ key, items }) => [key, items.length])).toEqual([
      ['heuristics', 1],
      ['antiPatterns', 0],
      ['domainKnowledge', 0],
      ['preferences', 0],
      ['outcomes', 0],
    ]);
    expect(groups[0]!.items[0]).toEqual({
      id: 'h1',
      summary: 'When tests are flaky: rerun once',
      score: 0.87,
      factors,
      similarity: 0.91,
      shared: false,
    });
  });
});
