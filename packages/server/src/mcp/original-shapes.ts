import { MEMORY_KINDS, type MemoryKind, type Stats } from '@alma/core';
import { type AgentScope, type MemorySlice, successRate } from '@alma/engine';

/**
 * The original server's JSON, snake_case as its clients read it, built from our records. Scores
 * are added to each memory; nothing the original returned is left out.
 */
export function originalSlice(slice: MemorySlice, retrievalTimeMs: number) {
  const withScore = <T>(score: number, body: T) => ({ ...body, score });
  const memories = {
    heuristics: slice.heuristics.map(({ record: h, score }) =>
      withScore(score, {
        id: h.id,
        condition: h.condition,
        strategy: h.strategy,
        confidence: h.confidence,
        occurrence_count: h.occurrenceCount,
        success_rate: successRate(h),
      }),
    ),
    outcomes: slice.outcomes.map(({ record: o, score }) =>
      withScore(score, {
        id: o.id,
        task_type: o.taskType,
        task_description: o.taskDescription,
        success: o.success,
        strategy_used: o.strategyUsed,
        duration_ms: o.durationMs,
      }),
    ),
    domain_knowledge: slice.domainKnowledge.map(({ record: d, score }) =>
      withScore(score, { id: d.id, domain: d.domain, fact: d.fact, confidence: d.confidence }),
    ),
    anti_patterns: slice.antiPatterns.map(({ record: a, score }) =>
      withScore(score, {
        id: a.id,
        pattern: a.pattern,
        why_bad: a.whyBad,
        better_alternative: a.betterAlternative,
      }),
    ),
    preferences: slice.preferences.map(({ record: p, score }) =>
      withScore(score, { id: p.id, category: p.category, preference: p.preference }),
    ),
  };
  const totalItems = Object.values(memories).reduce((sum, list) => sum + list.length, 0);
  return {
    ...memories,
    query: slice.task,
    agent: slice.agent,
    retrieval_time_ms: retrievalTimeMs,
    total_items: totalItems,
  };
}

const COUNT_FIELDS = {
  heuristic: 'heuristics_count',
  outcome: 'outcomes_count',
  preference: 'preferences_count',
  domainKnowledge: 'domain_knowledge_count',
  antiPattern: 'anti_patterns_count',
} as const satisfies Record<MemoryKind, string>;

/** Counts per kind as the original's `get_stats` named them (the memory kinds; the workflow layer's are ours). */
export function originalStats(stats: Stats, extra: Readonly<Record<string, unknown>> = {}) {
  const counts = Object.fromEntries(MEMORY_KINDS.map((kind) => [COUNT_FIELDS[kind], stats.counts[kind]]));
  return { project_id: stats.projectId, ...extra, ...counts, total_count: stats.total };
}

/** An agent's scope as the original's resources showed it, with our sharing rules added. */
export function originalScope(scope: AgentScope, defaultMinOccurrences: number) {
  return {
    can_learn: scope.canLearn ?? null,
    cannot_learn: scope.cannotLearn,
    inherit_from: scope.inheritFrom,
    share_with: scope.shareWith,
    min_occurrences_for_heuristic: scope.minOccurrences ?? defaultMinOccurrences,
  };
}
