import type { MemoryKind, MemoryRecord } from '@alma/core';
import type { ScoringWeights } from './engine-config.js';

/** The four factors of a memory's score, each within 0..1. */
export interface ScoreFactors {
  /** Cosine similarity to the task, negative values counted as 0. */
  readonly similarity: number;
  /** 0.5^(age / half-life), age measured from the kind's recency field. */
  readonly recency: number;
  readonly success: number;
  readonly confidence: number;
}

export interface FactorOptions {
  readonly now: Date;
  readonly recencyHalfLifeDays: number;
  /** Diagnostic reading: a failed outcome is worth what a success is worth otherwise. */
  readonly prioritizeFailures: boolean;
}

const DAY_MS = 86_400_000;
/** A failed outcome still teaches something, so it keeps part of the success factor (as in ALMA). */
export const FAILED_OUTCOME_SUCCESS = 0.3;
/** Anti-patterns seen this often or more count as fully established. */
export const ANTI_PATTERN_SATURATION = 10;

/** 1 now, 0.5 one half-life ago; a timestamp in the future counts as now. */
export function recencyFactor(at: Date, now: Date, halfLifeDays: number): number {
  const ageDays = Math.max(0, now.getTime() - at.getTime()) / DAY_MS;
  return 0.5 ** (ageDays / halfLifeDays);
}

/** The success rate of a heuristic: 0 before it has been tried. */
export function successRate(heuristic: Pick<MemoryRecord<'heuristic'>, 'successCount' | 'occurrenceCount'>) {
  return heuristic.occurrenceCount > 0 ? heuristic.successCount / heuristic.occurrenceCount : 0;
}

/** Each kind's own recency field and success measure, as the original ALMA scored them. */
export function scoreFactors<K extends MemoryKind>(
  kind: K,
  record: MemoryRecord<K>,
  similarity: number | null,
  options: FactorOptions,
): ScoreFactors {
  const recency = (at: Date) => recencyFactor(at, options.now, options.recencyHalfLifeDays);
  const base = { similarity: Math.max(0, similarity ?? 0) };
  const r = record as MemoryRecord<MemoryKind>;
  switch (kind) {
    case 'heuristic': {
      const h = r as MemoryRecord<'heuristic'>;
      return {
        ...base,
        recency: recency(h.lastValidated),
        success: successRate(h),
        confidence: h.confidence,
      };
    }
    case 'outcome': {
      const o = r as MemoryRecord<'outcome'>;
      const worked = options.prioritizeFailures ? !o.success : o.success;
      return {
        ...base,
        recency: recency(o.timestamp),
        success: worked ? 1 : FAILED_OUTCOME_SUCCESS,
        confidence: 1,
      };
    }
    case 'preference': {
      const p = r as MemoryRecord<'preference'>;
      return { ...base, recency: recency(p.updatedAt), success: 1, confidence: p.confidence };
    }
    case 'domainKnowledge': {
      const d = r as MemoryRecord<'domainKnowledge'>;
      return { ...base, recency: recency(d.lastVerified), success: 1, confidence: d.confidence };
    }
    default: {
      const a = r as MemoryRecord<'antiPattern'>;
      return {
        ...base,
        recency: recency(a.lastSeen),
        success: Math.min(a.occurrenceCount / ANTI_PATTERN_SATURATION, 1),
        confidence: 1,
      };
    }
  }
}

/** w_sim·similarity + w_rec·recency + w_succ·success + w_conf·confidence. */
export function compositeScore(factors: ScoreFactors, weights: ScoringWeights): number {
  return (
    weights.similarity * factors.similarity +
    weights.recency * factors.recency +
    weights.success * factors.success +
    weights.confidence * factors.confidence
  );
}
