import type { MemoryRecord } from '@alma/core';
import { embeddingText } from '@alma/core';
import type { EngineContext } from './engine-context.js';

/** A user's preference; preferences belong to the user, not to an agent. */
export interface PreferenceInput {
  readonly userId: string;
  readonly category: string;
  readonly preference: string;
  /** e.g. 'explicit_instruction', 'inferred_from_correction'. */
  readonly source: string;
  /** Default 1. */
  readonly confidence?: number | undefined;
  readonly metadata?: MemoryRecord<'preference'>['metadata'] | undefined;
}

/** A fact an agent learnt; its domain must be within the agent's `canLearn`. */
export interface KnowledgeInput {
  readonly agent: string;
  readonly domain: string;
  readonly fact: string;
  readonly source: string;
  /** Default 1. */
  readonly confidence?: number | undefined;
  readonly metadata?: MemoryRecord<'domainKnowledge'>['metadata'] | undefined;
}

export async function savePreference(
  context: EngineContext,
  input: PreferenceInput,
): Promise<MemoryRecord<'preference'>> {
  const [embedding] = await context.vectors.embed([embeddingText('preference', input)]);
  return context.store.preferences.put({
    projectId: context.projectId,
    userId: input.userId,
    category: input.category,
    preference: input.preference,
    source: input.source,
    ...(input.confidence === undefined ? {} : { confidence: input.confidence }),
    metadata: { ...input.metadata },
    embedding: embedding!,
  });
}

export async function saveKnowledge(
  context: EngineContext,
  input: KnowledgeInput,
): Promise<MemoryRecord<'domainKnowledge'>> {
  context.scopes.assertCanLearn(input.agent, input.domain);
  const [embedding] = await context.vectors.embed([embeddingText('domainKnowledge', input)]);
  return context.store.domainKnowledge.put({
    projectId: context.projectId,
    agent: input.agent,
    domain: input.domain,
    fact: input.fact,
    source: input.source,
    ...(input.confidence === undefined ? {} : { confidence: input.confidence }),
    lastVerified: context.clock(),
    metadata: { ...input.metadata },
    embedding: embedding!,
  });
}
