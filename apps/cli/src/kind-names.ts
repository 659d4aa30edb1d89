import type { Kind } from '@alma/core';
import { InvalidArgumentError } from 'commander';

/** The names a user types for each kind: the plural the docs use first, then accepted aliases. */
const NAMES: Readonly<Record<string, Kind>> = {
  heuristics: 'heuristic',
  heuristic: 'heuristic',
  outcomes: 'outcome',
  outcome: 'outcome',
  preferences: 'preference',
  preference: 'preference',
  knowledge: 'domainKnowledge',
  'domain-knowledge': 'domainKnowledge',
  domainKnowledge: 'domainKnowledge',
  'anti-patterns': 'antiPattern',
  'anti-pattern': 'antiPattern',
  antiPattern: 'antiPattern',
};

export const KIND_CHOICES = 'heuristics, outcomes, preferences, knowledge, anti-patterns';

export function kindArgument(value: string): Kind {
  const kind = NAMES[value];
  if (!kind) throw new InvalidArgumentError(`expected one of ${KIND_CHOICES}`);
  return kind;
}
