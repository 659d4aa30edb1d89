import { MAX_KEY_LENGTH, PROJECT_ID_PATTERN, validationErrorFrom } from '@alma/core';
import { z } from 'zod';
import { configNumber, embedderSpecSchema } from './embedders/embedder-config.js';

const name = z.string().min(1).max(MAX_KEY_LENGTH);
const unit = (fallback: number) => configNumber(z.number().min(0).max(1)).default(fallback);
const days = (fallback: number) => configNumber(z.number().positive().max(36_500)).default(fallback);

/** What one agent may learn and whom it reads from and shares with. */
const agentScopeSchema = z.strictObject({
  /** Task types and domains the agent may learn; left out: any. An empty list: none (read-only agent). */
  canLearn: z.array(name).optional(),
  /** Never learnt, even when `canLearn` lists them: `cannotLearn` wins. */
  cannotLearn: z.array(name).default([]),
  /** Agents whose memories this agent's reads include; each must list this agent in `shareWith`. */
  inheritFrom: z.array(name).default([]),
  /** Agents allowed to read this agent's memories. */
  shareWith: z.array(name).default([]),
  /** Overrides `learning.minOccurrences` for this agent. */
  minOccurrences: configNumber(z.number().int().min(1).max(1_000)).optional(),
});

const weight = (fallback: number) => configNumber(z.number().min(0).max(1_000)).default(fallback);

/** Scoring weights, relative to each other; normalised to sum 1 so every score stays within 0..1. */
const weightsSchema = z
  .strictObject({
    similarity: weight(0.4),
    recency: weight(0.3),
    success: weight(0.2),
    confidence: weight(0.1),
  })
  .refine((w) => w.similarity + w.recency + w.success + w.confidence > 0, {
    message: 'at least one weight must be above 0',
  })
  .transform((w) => {
    const total = w.similarity + w.recency + w.success + w.confidence;
    // Weights that already sum to 1 (up to rounding) are kept exactly as written.
    if (Math.abs(total - 1) < 1e-9) return w;
    return {
      similarity: w.similarity / total,
      recency: w.recency / total,
      success: w.success / total,
      confidence: w.confidence / total,
    };
  });

export const retrievalConfigSchema = z.strictObject({
  /** Memories per kind in a slice. */
  topK: configNumber(z.number().int().min(1).max(100)).default(5),
  weights: weightsSchema.prefault({}),
  /** Days after which the recency factor halves. */
  recencyHalfLifeDays: days(30),
  /** Memories scoring below this are left out. */
  minScore: unit(0),
  /** Nearest memories per kind that are scored; the best `topK` of them are kept. */
  candidates: configNumber(z.number().int().min(1).max(1_000)).default(50),
  /** 'hybrid' adds the store's text search to the vector search (needs `capabilities.textSearch`). */
  search: z.enum(['vector', 'hybrid']).default('vector'),
  /** Budget of the rendered prompt block, in estimated tokens. */
  maxPromptTokens: configNumber(z.number().int().min(16).max(1_000_000)).default(2_000),
});

export const learningConfigSchema = z.strictObject({
  /** Similar outcomes needed before a heuristic is created. */
  minOccurrences: configNumber(z.number().int().min(1).max(1_000)).default(3),
  /** Cosine similarity of strategy embeddings at or above which two strategies are the same lesson. */
  similarityThreshold: configNumber(z.number().gt(0).max(1)).default(0.75),
  /** How many of the agent's latest outcomes of the task type are weighed. */
  recentWindow: configNumber(z.number().int().min(1).max(1_000)).default(20),
  /** Similar failures needed before an anti-pattern is created. */
  antiPatternMinFailures: configNumber(z.number().int().min(1).max(1_000)).default(2),
});

export const decayConfigSchema = z.strictObject({
  /** Days without validation after which a heuristic's confidence is halved by `decayConfidence`. */
  heuristicHalfLifeDays: days(60),
});

export const consolidationConfigSchema = z.strictObject({
  /**
   * The chat model that writes merged text when consolidation is asked to (`useLlm`), behind any
   * OpenAI-compatible endpoint. Without it, merging keeps the strongest memory's text.
   */
  llm: z
    .strictObject({
      baseUrl: z.url(),
      model: z.string().min(1),
      apiKey: z.string().min(1),
      timeoutMs: z.number().int().min(1).optional(),
    })
    .optional(),
});

/** The engine's whole configuration: one project, its agents' scopes, and the tuning of each part. */
export const almaConfigSchema = z
  .strictObject({
    projectId: z.string().regex(PROJECT_ID_PATTERN, 'projectId must be 1-128 of A-Z a-z 0-9 . _ : @ -'),
    agents: z.record(name, agentScopeSchema),
    /** Which embedder to build when the configuration comes from a file (see `createEmbedder`). */
    embedder: embedderSpecSchema.optional(),
    retrieval: retrievalConfigSchema.prefault({}),
    learning: learningConfigSchema.prefault({}),
    decay: decayConfigSchema.prefault({}),
    consolidation: consolidationConfigSchema.prefault({}),
  })
  .superRefine((config, context) => {
    for (const [agent, scope] of Object.entries(config.agents)) {
      for (const field of ['inheritFrom', 'shareWith'] as const) {
        for (const other of scope[field]) {
          const path = ['agents', agent, field];
          if (other === agent) context.addIssue({ code: 'custom', path, message: `${agent} names itself` });
          else if (!Object.hasOwn(config.agents, other)) {
            context.addIssue({ code: 'custom', path, message: `unknown agent '${other}'` });
          }
        }
      }
      for (const source of scope.inheritFrom) {
        const shares = config.agents[source]?.shareWith.includes(agent) ?? true;
        if (!shares) {
          context.addIssue({
            code: 'custom',
            path: ['agents', agent, 'inheritFrom'],
            message: `${agent} inherits from ${source}, but ${source} does not share with ${agent}: add '${agent}' to agents.${source}.shareWith`,
          });
        }
      }
    }
  });

export type AlmaConfigInput = z.input<typeof almaConfigSchema>;
export type AlmaConfig = z.output<typeof almaConfigSchema>;
export type AgentScope = AlmaConfig['agents'][string];
export type ScoringWeights = AlmaConfig['retrieval']['weights'];
export type RetrievalConfig = AlmaConfig['retrieval'];
export type LearningConfig = AlmaConfig['learning'];

/** Validates a configuration once and freezes it, deeply; errors name every offending path. */
export function parseAlmaConfig(input: unknown): AlmaConfig {
  const result = almaConfigSchema.safeParse(input);
  if (!result.success) throw validationErrorFrom('invalid ALMA configuration', result.error);
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
