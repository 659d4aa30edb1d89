import type { MemoryKind, MemoryRecord } from '@alma/core';
import { cosineSimilarity } from '@alma/core';
import { expect } from 'vitest';
import type { Alma } from '../alma.js';
import type { ScoringWeights } from '../engine-config.js';
import type { MemorySlice, ScoredMemory } from '../memory-slice.js';
import { allOf, expectedRecency, expectedScore } from './engine-fixtures.js';

const SLICE_FIELD = {
  heuristic: 'heuristics',
  outcome: 'outcomes',
  preference: 'preferences',
  domainKnowledge: 'domainKnowledge',
  antiPattern: 'antiPatterns',
} as const;

/** The suite's statement of each kind's recency field, success measure and confidence (ALMA's originals). */
function expectedFactors(kind: MemoryKind, record: MemoryRecord<MemoryKind>, prioritizeFailures: boolean) {
  switch (kind) {
    case 'heuristic': {
      const h = record as MemoryRecord<'heuristic'>;
      return { at: h.lastValidated, success: h.successCount / h.occurrenceCount, confidence: h.confidence };
    }
    case 'outcome': {
      const o = record as MemoryRecord<'outcome'>;
      return { at: o.timestamp, success: o.success !== prioritizeFailures ? 1 : 0.3, confidence: 1 };
    }
    case 'preference': {
      const p = record as MemoryRecord<'preference'>;
      return { at: p.updatedAt, success: 1, confidence: p.confidence };
    }
    case 'domainKnowledge': {
      const d = record as MemoryRecord<'domainKnowledge'>;
      return { at: d.lastVerified, success: 1, confidence: d.confidence };
    }
    default: {
      const a = record as MemoryRecord<'antiPattern'>;
      return { at: a.lastSeen, success: Math.min(a.occurrenceCount / 10, 1), confidence: 1 };
    }
  }
}

export interface RankingExpectation {
  readonly weights: ScoringWeights;
  readonly topK: number;
  readonly now: Date;
  /** Records the reader may see: by default those of these agents. */
  readonly agents?: readonly string[];
  readonly userId?: string;
  readonly minScore?: number;
  readonly prioritizeFailures?: boolean;
  readonly reader?: string;
}

/**
 * Checks one kind of a slice against the scoring rule computed here from scratch: every factor
 * (similarity as the cosine of the task's and the record's embeddings), every score, and the order,
 * which must be the best `topK` of every record the reader may see.
 */
export async function expectRanking<K extends MemoryKind>(
  alma: Alma,
  slice: MemorySlice,
  kind: K,
  expectation: RankingExpectation,
): Promise<void> {
  const [task] = await alma.embedder.embed([slice.task]);
  const visible = (await allOf(alma, kind)).filter((record) => {
    const fields = record as { agent?: string; userId?: string };
    if (kind === 'preference') return fields.userId === expectation.userId;
    return expectation.agents === undefined || expectation.agents.includes(fields.agent!);
  });
  const oracle = visible
    .map((record) => {
      const similarity = cosineSimilarity(task!, record.embedding!);
      const { at, success, confidence } = expectedFactors(
        kind,
        record,
        expectation.prioritizeFailures ?? false,
      );
      const factors = {
        similarity: Math.max(0, similarity),
        recency: expectedRecency(at, expectation.now),
        success,
        confidence,
      };
      return { record, similarity, factors, score: expectedScore(factors, expectation.weights) };
    })
    .filter((entry) => entry.score >= (expectation.minScore ?? 0))
    .sort((a, b) => b.score - a.score || (a.record.id < b.record.id ? -1 : 1))
    .slice(0, expectation.topK);
  const memories = slice[SLICE_FIELD[kind]] as readonly ScoredMemory<K>[];
  expect(
    memories.map((m) => m.record.id),
    `${kind} order`,
  ).toEqual(oracle.map((o) => o.record.id));
  memories.forEach((memory, i) => {
    const truth = oracle[i]!;
    expect(memory.similarity).toBeCloseTo(truth.similarity, 6);
    expect(memory.factors.similarity).toBeCloseTo(truth.factors.similarity, 6);
    expect(memory.factors.recency).toBeCloseTo(truth.factors.recency, 9);
    expect(memory.factors.success).toBeCloseTo(truth.factors.success, 9);
    expect(memory.factors.confidence).toBeCloseTo(truth.factors.confidence, 9);
    expect(memory.score).toBeCloseTo(truth.score, 6);
    if (expectation.reader !== undefined && kind !== 'preference') {
      expect(memory.shared).toBe((memory.record as { agent?: string }).agent !== expectation.reader);
    }
  });
}
