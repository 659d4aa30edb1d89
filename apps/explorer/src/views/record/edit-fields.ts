import type { AntiPatternEdit, HeuristicEdit } from '../lessons/lesson-api.js';

/** A field the record page edits: a text (multiline) or a number within a range. */
export type EditField<T> =
  | { readonly name: keyof T & string; readonly label: string; readonly type: 'text' }
  | {
      readonly name: keyof T & string;
      readonly label: string;
      readonly type: 'number';
      readonly min: number;
      readonly max: number;
    };

export const HEURISTIC_FIELDS: readonly EditField<HeuristicEdit>[] = [
  { name: 'condition', label: 'Condition', type: 'text' },
  { name: 'strategy', label: 'Strategy', type: 'text' },
  { name: 'confidence', label: 'Confidence (0 to 1)', type: 'number', min: 0, max: 1 },
];

export const ANTI_PATTERN_FIELDS: readonly EditField<AntiPatternEdit>[] = [
  { name: 'pattern', label: 'Pattern', type: 'text' },
  { name: 'whyBad', label: 'Why it is bad', type: 'text' },
  { name: 'betterAlternative', label: 'Better alternative', type: 'text' },
];

export function heuristicEditOf({ condition, strategy, confidence }: HeuristicEdit): HeuristicEdit {
  return { condition, strategy, confidence };
}

export function antiPatternEditOf({ pattern, whyBad, betterAlternative }: AntiPatternEdit): AntiPatternEdit {
  return { pattern, whyBad, betterAlternative };
}
