import type { Schema } from '../../api/api-types.js';

export type Checkpoint = Schema<'Checkpoint'>;

/** The checkpoints of one branch of a run (null: the run's main line), in sequence order. */
export interface CheckpointBranch {
  readonly branchId: string | null;
  readonly checkpoints: readonly Checkpoint[];
}

/** A run's checkpoints by branch: the main line first, then branches in the order they started. */
export function checkpointBranches(checkpoints: readonly Checkpoint[]): CheckpointBranch[] {
  const sorted = [...checkpoints].sort((a, b) => a.sequenceNumber - b.sequenceNumber);
  const branches = new Map<string | null, Checkpoint[]>();
  for (const checkpoint of sorted) {
    const list = branches.get(checkpoint.branchId);
    if (list) list.push(checkpoint);
    else branches.set(checkpoint.branchId, [checkpoint]);
  }
  return [...branches.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : 0))
    .map(([branchId, list]) => ({ branchId, checkpoints: list }));
}

/** The element id a checkpoint is shown under, for parent links to move focus to. */
export function checkpointElementId(id: string): string {
  return `checkpoint-${id}`;
}
