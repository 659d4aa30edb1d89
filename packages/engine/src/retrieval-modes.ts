import type { ScoringWeights } from './engine-config.js';

export const RETRIEVAL_MODES = ['broad', 'precise', 'diagnostic', 'learning', 'recall'] as const;
/** What the agent is about to do, which decides how memories are weighed. */
export type RetrievalMode = (typeof RETRIEVAL_MODES)[number];

export interface ModePreset {
  readonly topK: number;
  readonly weights: ScoringWeights;
  readonly includeAntiPatterns: boolean;
  /** Failed outcomes rank as successes otherwise would: what went wrong is what debugging needs. */
  readonly prioritizeFailures: boolean;
}

/**
 * Planning needs breadth, execution precision, debugging failures, consolidation similarity, and
 * looking something up almost pure similarity. Weights sum to 1.
 */
export const MODE_PRESETS: Readonly<Record<RetrievalMode, ModePreset>> = Object.freeze({
  broad: {
    topK: 15,
    weights: { similarity: 0.7, recency: 0.1, success: 0.1, confidence: 0.1 },
    includeAntiPatterns: false,
    prioritizeFailures: false,
  },
  precise: {
    topK: 5,
    weights: { similarity: 0.3, recency: 0.1, success: 0.4, confidence: 0.2 },
    includeAntiPatterns: true,
    prioritizeFailures: false,
  },
  diagnostic: {
    topK: 10,
    weights: { similarity: 0.4, recency: 0.3, success: 0.2, confidence: 0.1 },
    includeAntiPatterns: true,
    prioritizeFailures: true,
  },
  learning: {
    topK: 20,
    weights: { similarity: 0.9, recency: 0, success: 0.05, confidence: 0.05 },
    includeAntiPatterns: true,
    prioritizeFailures: false,
  },
  recall: {
    topK: 3,
    weights: { similarity: 0.95, recency: 0, success: 0, confidence: 0.05 },
    includeAntiPatterns: false,
    prioritizeFailures: false,
  },
});
