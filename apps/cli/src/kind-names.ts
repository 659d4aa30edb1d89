import { isMemoryKind, type Kind, type MemoryKind } from '@alma/core';
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
  checkpoints: 'checkpoint',
  checkpoint: 'checkpoint',
  'workflow-outcomes': 'workflowOutcome',
  'workflow-outcome': 'workflowOutcome',
  workflowOutcome: 'workflowOutcome',
  'artifact-links': 'artifactLink',
  'artifact-link': 'artifactLink',
  artifactLink: 'artifactLink',
  archive: 'archivedMemory',
  archivedMemory: 'archivedMemory',
};

const MEMORY_KIND_CHOICES = 'heuristics, outcomes, preferences, knowledge, anti-patterns';
export const KIND_CHOICES = `${MEMORY_KIND_CHOICES}, checkpoints, workflow-outcomes, artifact-links, archive`;

export function kindArgument(value: string): Kind {
  const kind = NAMES[value];
  if (!kind) throw new InvalidArgumentError(`expected one of ${KIND_CHOICES}`);
  return kind;
}

/** A kind an agent retrieves: the workflow layer's kinds are not memories handed to agents. */
export function memoryKindArgument(value: string): MemoryKind {
  const kind = NAMES[value];
  if (!kind || !isMemoryKind(kind)) throw new InvalidArgumentError(`expected one of ${MEMORY_KIND_CHOICES}`);
  return kind;
}
