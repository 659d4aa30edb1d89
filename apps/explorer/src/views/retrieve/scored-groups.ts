import type { Schema } from '../../api/api-types.js';

export type RetrieveResult = Schema<'RetrieveResult'>;
type Memories = RetrieveResult['memories'];

/** A retrieved memory as the playground shows it: one line of text, its score and what made it. */
export interface ScoredItem {
  readonly id: string;
  readonly summary: string;
  readonly score: number;
  readonly factors: Schema<'ScoreFactors'>;
  /** Cosine similarity to the task; null for a memory without an embedding. */
  readonly similarity: number | null;
  readonly shared: boolean;
}

export interface ScoredGroup {
  readonly key: keyof Memories;
  readonly title: string;
  readonly items: readonly ScoredItem[];
}

interface Scored<R> {
  readonly record: R;
  readonly score: number;
  readonly factors: Schema<'ScoreFactors'>;
  readonly similarity: number | null;
  readonly shared: boolean;
}

function itemsOf<R extends { readonly id: string }>(
  scored: readonly Scored<R>[],
  summary: (record: R) => string,
): ScoredItem[] {
  return scored.map(({ record, score, factors, similarity, shared }) => ({
    id: record.id,
    summary: summary(record),
    score,
    factors,
    similarity,
    shared,
  }));
}

/** The memories per kind, in the order the prompt names them, each with its one-line summary. */
export function scoredGroups({ memories }: RetrieveResult): ScoredGroup[] {
  return [
    {
      key: 'heuristics',
      title: 'Heuristics',
      items: itemsOf(memories.heuristics, (h) => `When ${h.condition}: ${h.strategy}`),
    },
    {
      key: 'antiPatterns',
      title: 'Anti-patterns',
      items: itemsOf(memories.antiPatterns, (a) => `Avoid ${a.pattern}; instead ${a.betterAlternative}`),
    },
    {
      key: 'domainKnowledge',
      title: 'Domain knowledge',
      items: itemsOf(memories.domainKnowledge, (k) => `${k.domain}: ${k.fact}`),
    },
    {
      key: 'preferences',
      title: 'Preferences',
      items: itemsOf(memories.preferences, (p) => `${p.category}: ${p.preference}`),
    },
    {
      key: 'outcomes',
      title: 'Outcomes',
      items: itemsOf(
        memories.outcomes,
        (o) => `${o.success ? 'Succeeded' : 'Failed'}: ${o.taskDescription} (${o.strategyUsed})`,
      ),
    },
  ];
}
