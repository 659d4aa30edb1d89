import { describe, expect, it } from 'vitest';
import { type Checkpoint, checkpointBranches } from '../src/views/workflows/checkpoint-branches.js';

const checkpoint = (id: string, sequenceNumber: number, branchId: string | null): Checkpoint => ({
  id,
  projectId: 'p',
  createdAt: '2025-03-01T00:00:00.000Z',
  updatedAt: '2025-03-01T00:00:00.000Z',
  metadata: {},
  runId: 'run-1',
  nodeId: `node-${sequenceNumber}`,
  branchId,
  parentCheckpointId: null,
  sequenceNumber,
  state: {},
  stateHash: 'h',
});

describe('checkpointBranches', () => {
  it('puts the main line first, then branches as they started, each in sequence order', () => {
    const branches = checkpointBranches([
      checkpoint('d', 4, 'b'),
      checkpoint('c', 3, 'a'),
      checkpoint('b', 2, null),
      checkpoint('e', 5, 'a'),
      checkpoint('a', 1, null),
    ]);
    expect(branches.map(({ branchId, checkpoints }) => [branchId, checkpoints.map(({ id }) => id)])).toEqual([
      [null, ['a', 'b']],
      ['a', ['c', 'e']],
      ['b', ['d']],
    ]);
  });

  it('has no branch for a run without checkpoints', () => {
    expect(checkpointBranches([])).toEqual([]);
  });
});
