import { embeddingText, MEMORY_KINDS, type MemoryKind } from '@alma/core';
import { type MemorySlice, type ScoredMemory, SLICE_FIELDS } from '@alma/engine';

/** A retrieved memory for `--json`: what it says, why it ranked, and where to find it. */
export interface SliceEntry {
  readonly kind: MemoryKind;
  readonly id: string;
  readonly text: string;
  readonly score: number;
  readonly similarity: number | null;
  readonly shared: boolean;
}

/** The slice as scripts read it: every memory in rank order per kind, with its score. */
export function sliceSummary(slice: MemorySlice): { task: string; agent: string; memories: SliceEntry[] } {
  const memories = MEMORY_KINDS.flatMap((kind) =>
    (slice[SLICE_FIELDS[kind]] as readonly ScoredMemory<MemoryKind>[]).map((memory) => ({
      kind,
      id: memory.record.id,
      text: embeddingText(kind, memory.record as never),
      score: memory.score,
      similarity: memory.similarity,
      shared: memory.shared,
    })),
  );
  return { task: slice.task, agent: slice.agent, memories };
}
