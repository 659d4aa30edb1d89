import { KINDS, type Kind } from '@alma/core';

/** The URL segment of each kind's collection. */
export const KIND_PATHS = {
  heuristic: 'heuristics',
  outcome: 'outcomes',
  preference: 'preferences',
  domainKnowledge: 'domain-knowledge',
  antiPattern: 'anti-patterns',
  checkpoint: 'checkpoints',
  workflowOutcome: 'workflow-outcomes',
  artifactLink: 'artifact-links',
  archivedMemory: 'archive',
} as const satisfies Record<Kind, string>;

/** Every kind with its URL segment, in the canonical order. */
export const KIND_ROUTES: readonly { readonly kind: Kind; readonly path: string }[] = KINDS.map((kind) => ({
  kind,
  path: KIND_PATHS[kind],
}));
