import type { MemoryKind, MemoryRecord } from '@alma/core';
import type { ScoreFactors } from './memory-scoring.js';
import type { RetrievalMode } from './retrieval-modes.js';

/** One retrieved memory with its score and what the score is made of. */
export interface ScoredMemory<K extends MemoryKind> {
  readonly record: MemoryRecord<K>;
  readonly score: number;
  readonly factors: ScoreFactors;
  /** Cosine similarity as the store measured it, negative values included; null without an embedding. */
  readonly similarity: number | null;
  /** Another agent's memory, read through `inheritFrom` / `shareWith`. */
  readonly shared: boolean;
}

/** What an agent is handed before a task: the best memories of each kind, best first. */
export interface MemorySlice {
  readonly task: string;
  readonly agent: string;
  readonly mode: RetrievalMode | null;
  readonly heuristics: readonly ScoredMemory<'heuristic'>[];
  readonly outcomes: readonly ScoredMemory<'outcome'>[];
  readonly preferences: readonly ScoredMemory<'preference'>[];
  readonly domainKnowledge: readonly ScoredMemory<'domainKnowledge'>[];
  readonly antiPatterns: readonly ScoredMemory<'antiPattern'>[];
}

/** The slice's field holding each kind. */
export const SLICE_FIELDS = {
  heuristic: 'heuristics',
  outcome: 'outcomes',
  preference: 'preferences',
  domainKnowledge: 'domainKnowledge',
  antiPattern: 'antiPatterns',
} as const satisfies Record<MemoryKind, keyof MemorySlice>;
