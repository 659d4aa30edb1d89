import type { Filter, MetadataValue } from '@alma/core';
import {
  MEMORY_KINDS,
  type MemoryKind,
  type MemoryRecord,
  ValidationError,
  validationErrorFrom,
} from '@alma/core';
import { z } from 'zod';
import type { ScoringWeights } from './engine-config.js';
import type { EngineContext } from './engine-context.js';
import { compositeScore, scoreFactors } from './memory-scoring.js';
import { type MemorySlice, type ScoredMemory, SLICE_FIELDS } from './memory-slice.js';
import { MODE_PRESETS, RETRIEVAL_MODES, type RetrievalMode } from './retrieval-modes.js';
import { RETRIEVAL_SCOPES, type ScopedRetrieval, scopeFilterOf } from './workflow/workflow-scope.js';

type KindFilter<K extends MemoryKind> = Omit<Filter<K>, 'projectId' | 'agent' | 'userId'>;

/** Narrows a retrieval; everything in it is combined with AND. */
export interface RetrieveFilter {
  /** Only these agents' memories; each must be the reader or share with it. Default: the reader and those it inherits from. */
  readonly agents?: readonly string[];
  /** Metadata key equality, on every kind. */
  readonly metadata?: Readonly<Record<string, MetadataValue>>;
  readonly heuristic?: KindFilter<'heuristic'>;
  readonly outcome?: KindFilter<'outcome'>;
  readonly preference?: KindFilter<'preference'>;
  readonly domainKnowledge?: KindFilter<'domainKnowledge'>;
  readonly antiPattern?: KindFilter<'antiPattern'>;
}

export interface RetrieveOptions {
  /** Whose preferences to include; without it the slice holds none. */
  readonly userId?: string;
  /** Memories per kind; default: the mode's, else `retrieval.topK`. */
  readonly topK?: number;
  readonly mode?: RetrievalMode;
  readonly filter?: RetrieveFilter;
  /**
   * Only memories of this place in a workflow (node, run, workflow, tenant), within the agent
   * scopes; `global` reads every agent's memories of the project. Preferences are not scoped.
   */
  readonly scope?: ScopedRetrieval;
  /** Default: `retrieval.minScore`. */
  readonly minScore?: number;
  /** Default: `retrieval.search`. */
  readonly search?: 'vector' | 'hybrid';
  /** Default: every kind. */
  readonly kinds?: readonly MemoryKind[];
}

const optionsSchema = z.strictObject({
  userId: z.string().min(1).optional(),
  topK: z.number().int().min(1).max(1_000).optional(),
  mode: z.enum(RETRIEVAL_MODES).optional(),
  filter: z.record(z.string(), z.unknown()).optional(),
  minScore: z.number().min(0).max(1).optional(),
  search: z.enum(['vector', 'hybrid']).optional(),
  kinds: z.array(z.enum(MEMORY_KINDS)).optional(),
  scope: z
    .strictObject({
      level: z.enum(RETRIEVAL_SCOPES),
      context: z
        .strictObject({
          tenantId: z.string().nullish(),
          workflowId: z.string().nullish(),
          runId: z.string().nullish(),
          nodeId: z.string().nullish(),
        })
        .optional(),
    })
    .optional(),
});

interface Plan {
  readonly vector: Float32Array;
  readonly topK: number;
  readonly weights: ScoringWeights;
  readonly minScore: number;
  readonly prioritizeFailures: boolean;
  readonly now: Date;
}

/**
 * Searches each kind with the task's embedding (and text, for hybrid search) among the memories the
 * agent may read, scores the nearest candidates by similarity, recency, success and confidence, and
 * keeps the best of each kind above the minimum score.
 */
export async function retrieveSlice(
  context: EngineContext,
  task: string,
  agent: string,
  options: RetrieveOptions = {},
): Promise<MemorySlice> {
  if (typeof task !== 'string' || task.trim() === '')
    throw new ValidationError('task must be a non-empty string');
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw validationErrorFrom('invalid retrieve options', parsed.error);
  const scoped = options.scope ? scopeFilterOf(options.scope.level, options.scope.context ?? {}) : null;
  context.scopes.scopeOf(agent);
  const agents = scoped?.allAgents ? null : readableAgents(context, agent, options.filter?.agents);
  const mode = options.mode ?? null;
  const preset = mode ? MODE_PRESETS[mode] : null;
  const { retrieval } = context.config;
  const [vector] = await context.vectors.embed([task]);
  const plan: Plan = {
    vector: vector!,
    topK: options.topK ?? preset?.topK ?? retrieval.topK,
    weights: preset?.weights ?? retrieval.weights,
    minScore: options.minScore ?? retrieval.minScore,
    prioritizeFailures: preset?.prioritizeFailures ?? false,
    now: context.clock(),
  };
  const hybrid = (options.search ?? retrieval.search) === 'hybrid';
  const wanted = new Set<MemoryKind>(options.kinds ?? MEMORY_KINDS);
  if (preset && !preset.includeAntiPatterns) wanted.delete('antiPattern');
  if (options.userId === undefined) wanted.delete('preference');
  const scored = await Promise.all(
    MEMORY_KINDS.map(async (kind) => {
      if (!wanted.has(kind)) return [kind, []] as const;
      const where = whereOf(context, kind, agents, options, scoped?.where ?? {});
      return [kind, await searchKind(context, kind, where, plan, hybrid ? task : null, agent)] as const;
    }),
  );
  const slice = { task, agent, mode } as Record<string, unknown>;
  for (const [kind, memories] of scored) slice[SLICE_FIELDS[kind]] = memories;
  return slice as unknown as MemorySlice;
}

function readableAgents(context: EngineContext, reader: string, named: readonly string[] | undefined) {
  if (named === undefined) return context.scopes.readableAgents(reader);
  if (!Array.isArray(named) || named.length === 0)
    throw new ValidationError('filter.agents must name at least one agent');
  for (const owner of named) context.scopes.assertCanRead(reader, owner);
  return [...new Set(named)];
}

function whereOf<K extends MemoryKind>(
  context: EngineContext,
  kind: K,
  agents: readonly string[] | null,
  options: RetrieveOptions,
  scope: Readonly<Record<string, string>>,
): Filter<K> {
  const own = (options.filter?.[kind] ?? {}) as Record<string, unknown>;
  for (const reserved of ['projectId', 'agent', 'userId']) {
    if (Object.hasOwn(own, reserved)) {
      throw new ValidationError(
        `filter.${kind}.${reserved} is set by the engine; use filter.agents or userId`,
      );
    }
  }
  const metadata = { ...options.filter?.metadata, ...(own.metadata as object | undefined) };
  const owner =
    kind === 'preference'
      ? { userId: options.userId }
      : { ...(agents === null ? {} : { agent: { in: agents } }), ...scope };
  return {
    ...own,
    ...owner,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    projectId: context.projectId,
  } as unknown as Filter<K>;
}

async function searchKind<K extends MemoryKind>(
  context: EngineContext,
  kind: K,
  where: Filter<K>,
  plan: Plan,
  text: string | null,
  reader: string,
): Promise<ScoredMemory<K>[]> {
  const k = Math.max(plan.topK, context.config.retrieval.candidates);
  const hits = await context.store.kind(kind).search({
    where,
    vector: plan.vector,
    k,
    ...(text === null ? {} : { text }),
  });
  const options = {
    now: plan.now,
    recencyHalfLifeDays: context.config.retrieval.recencyHalfLifeDays,
    prioritizeFailures: plan.prioritizeFailures,
  };
  return hits
    .map(({ record, similarity }) => {
      const factors = scoreFactors(kind, record, similarity, options);
      const owner = (record as { agent?: string }).agent;
      return {
        record,
        score: compositeScore(factors, plan.weights),
        factors,
        similarity,
        shared: owner !== undefined && owner !== reader,
      };
    })
    .filter((memory) => memory.score >= plan.minScore)
    .sort((a, b) => b.score - a.score || compareIds(a.record, b.record))
    .slice(0, plan.topK);
}

function compareIds(a: MemoryRecord<MemoryKind>, b: MemoryRecord<MemoryKind>): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
