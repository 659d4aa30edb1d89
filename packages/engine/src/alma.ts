import type { ArtifactLink, Checkpoint, Embedder, Page, Stats, StoreAdapter } from '@alma/core';
import {
  ConflictError,
  DimensionMismatchError,
  fieldsOf,
  KINDS,
  type Kind,
  type MemoryRecord,
  MemoryStore,
  ValidationError,
} from '@alma/core';
import { AgentScopes } from './agent-scopes.js';
import { type DecayReport, decayConfidence } from './confidence-decay.js';
import { type AlmaConfig, type AlmaConfigInput, parseAlmaConfig } from './engine-config.js';
import type { EngineContext } from './engine-context.js';
import { type ForgetPolicy, type ForgetReport, forgetMemories } from './forgetting.js';
import { type LessonLineage, type LineagePage, lessonLineage } from './lesson-lineage.js';
import type { LessonKind } from './lesson-matching.js';
import type { MemorySlice } from './memory-slice.js';
import { type KnowledgeInput, type PreferenceInput, saveKnowledge, savePreference } from './memory-writes.js';
import { type LearnInput, type LearnResult, learnFromOutcome } from './outcome-learning.js';
import { renderPrompt } from './prompt-rendering.js';
import { type RetrieveOptions, retrieveSlice } from './retrieval.js';
import { VectorCache } from './vector-cache.js';
import { type ArchiveQuery, listArchive, restoreArchived } from './workflow/archive.js';
import { type ArtifactInput, artifactsOf, linkArtifact } from './workflow/artifacts.js';
import {
  type CheckpointInput,
  type CheckpointPageQuery,
  type CheckpointResult,
  checkpointPage,
  checkpointsOfRun,
  cleanupCheckpoints,
  resumePoint,
  saveCheckpoint,
  type WorkflowRun,
  workflowRuns,
} from './workflow/checkpoints.js';
import {
  type ConsolidatedKind,
  type ConsolidateOptions,
  type ConsolidationReport,
  consolidate,
} from './workflow/consolidation.js';
import { mergeStates } from './workflow/state-reducers.js';
import {
  learnFromWorkflow,
  type WorkflowLearnInput,
  type WorkflowLearnResult,
} from './workflow/workflow-learning.js';

export interface AlmaOptions {
  readonly store: MemoryStore;
  readonly embedder: Embedder;
  /** Validated here unless it already is a parsed configuration. */
  readonly config: AlmaConfigInput | AlmaConfig;
  /** Source of "now" for timestamps, recency and forgetting; tests pin it (and give the store the same). */
  readonly clock?: () => Date;
}

/**
 * ALMA's engine: one project of a store, an embedder, and the agents' scopes. Agents retrieve a
 * scored slice of memory before a task and report outcomes after it; the engine turns agreeing
 * outcomes into heuristics and repeated failures into anti-patterns.
 * @example const alma = await Alma.open({ adapter: new MemoryAdapter(), embedder: new HashingEmbedder(), config });
 *          await alma.learn({ agent: 'coder', taskType: 'refactor', taskDescription, success: true, strategyUsed });
 *          const prompt = alma.renderPrompt(await alma.retrieve('rename the billing module', 'coder'));
 */
export class Alma {
  readonly config: AlmaConfig;
  readonly store: MemoryStore;
  readonly embedder: Embedder;
  private readonly context: EngineContext;

  constructor(options: AlmaOptions) {
    const { store, embedder } = options;
    if (store.dimension !== embedder.dimension) {
      throw new DimensionMismatchError(store.dimension, embedder.dimension, {
        details: { reason: `embedder ${embedder.id} does not produce the store's dimension` },
      });
    }
    const recorded = store.manifest.embedder;
    if (recorded !== null && recorded !== embedder.id) {
      throw new ConflictError(
        `the store holds vectors of embedder '${recorded}', not '${embedder.id}'; re-embed it with reembedStore`,
        { details: { recorded, requested: embedder.id } },
      );
    }
    this.config = parseAlmaConfig(options.config);
    this.store = store;
    this.embedder = embedder;
    this.context = {
      config: this.config,
      projectId: this.config.projectId,
      store,
      vectors: new VectorCache(embedder),
      scopes: new AgentScopes(this.config.agents),
      clock: options.clock ?? (() => new Date()),
    };
  }

  /** Opens a store over the adapter, recording (or checking) the embedder's id and dimension, and builds the engine on it. */
  static async open(options: Omit<AlmaOptions, 'store'> & { readonly adapter: StoreAdapter }): Promise<Alma> {
    const { adapter, embedder, clock } = options;
    const store = await MemoryStore.open(adapter, {
      dimension: embedder.dimension,
      embedder: embedder.id,
      ...(clock ? { clock } : {}),
    });
    return new Alma({ ...options, store });
  }

  /** The memories most useful for `task`, among those `agent` may read, best first per kind. */
  retrieve(task: string, agent: string, options: RetrieveOptions = {}): Promise<MemorySlice> {
    return retrieveSlice(this.context, task, agent, options);
  }

  /** A slice as a prompt block within the token budget (default `retrieval.maxPromptTokens`). */
  renderPrompt(slice: MemorySlice, maxTokens = this.config.retrieval.maxPromptTokens): string {
    return renderPrompt(slice, { maxTokens });
  }

  /**
   * Records an outcome and learns from it; ScopeViolationError (and nothing written) when the task
   * type is outside the agent's scope. Learning about one agent and task type runs one call at a time.
   */
  async learn(input: LearnInput): Promise<LearnResult> {
    if (typeof input?.agent !== 'string' || typeof input.taskType !== 'string') {
      throw new ValidationError('learn needs an agent and a taskType');
    }
    this.context.scopes.assertCanLearn(input.agent, input.taskType);
    // One learn at a time per lesson group, across every engine and process sharing the store.
    const key = JSON.stringify(['learn', this.config.projectId, input.agent, input.taskType]);
    return this.store.exclusive(key, () => learnFromOutcome(this.context, input));
  }

  addPreference(input: PreferenceInput): Promise<MemoryRecord<'preference'>> {
    return savePreference(this.context, input);
  }

  /** Stores a fact; its domain must be within the agent's scope. */
  addKnowledge(input: KnowledgeInput): Promise<MemoryRecord<'domainKnowledge'>> {
    return saveKnowledge(this.context, input);
  }

  /** Deletes the memories the policy names and reports how many of each kind went. */
  forget(policy: ForgetPolicy): Promise<ForgetReport> {
    return forgetMemories(this.context, policy);
  }

  /** Saves a workflow's state after a node (numbered per run, skipped when unchanged); see checkpoints.ts. */
  checkpoint(input: CheckpointInput): Promise<CheckpointResult> {
    return saveCheckpoint(this.context, input);
  }

  /** The checkpoint to resume a run (or one of its branches) from; null when it has none. */
  resumePoint(runId: string, branchId?: string | null): Promise<Checkpoint | null> {
    return resumePoint(this.context, runId, branchId);
  }

  /** A run's checkpoints in sequence order, every branch included. */
  checkpointsOfRun(runId: string): Promise<Checkpoint[]> {
    return checkpointsOfRun(this.context, runId);
  }

  /** One page of a run's checkpoints in sequence order. */
  checkpointPage(runId: string, query: CheckpointPageQuery = {}): Promise<Page<'checkpoint'>> {
    return checkpointPage(this.context, runId, query);
  }

  /** The project's workflow runs with checkpoints, latest first. */
  workflowRuns(limit = 100): Promise<WorkflowRun[]> {
    return workflowRuns(this.context, limit);
  }

  /** Deletes a run's checkpoints but the latest `keepLatest` (default 1); returns how many went. */
  cleanupCheckpoints(runId: string, keepLatest?: number): Promise<number> {
    return cleanupCheckpoints(this.context, runId, keepLatest);
  }

  /** Merges parallel branches' states with the named reducers (state-reducers.ts). */
  mergeStates(
    states: readonly Readonly<Record<string, unknown>>[],
    reducerConfig?: Readonly<Record<string, string>>,
  ): Record<string, unknown> {
    return mergeStates(states, reducerConfig);
  }

  /** Records how a workflow run ended and learns from it like from an outcome (workflow-learning.ts). */
  learnFromWorkflow(input: WorkflowLearnInput): Promise<WorkflowLearnResult> {
    return learnFromWorkflow(this.context, input, (learnInput) => this.learn(learnInput));
  }

  /** Links an external artifact (a log, a screenshot) to an existing memory. */
  linkArtifact(input: ArtifactInput): Promise<ArtifactLink> {
    return linkArtifact(this.context, input);
  }

  artifactsOf(memoryId: string): Promise<ArtifactLink[]> {
    return artifactsOf(this.context, memoryId);
  }

  /** Merges an agent's near-duplicate memories of a kind; a dry run (the default) only reports the groups. */
  consolidate(options: ConsolidateOptions): Promise<ConsolidationReport> {
    return consolidate(this.context, options);
  }

  listArchive(query?: ArchiveQuery): Promise<Page<'archivedMemory'>> {
    return listArchive(this.context, query);
  }

  /** Puts an archived memory back in use; see archive.ts for what it does to the memory it was merged into. */
  restoreArchived(archiveId: string): Promise<MemoryRecord<ConsolidatedKind>> {
    return restoreArchived(this.context, archiveId);
  }

  /** A lesson and a page of the outcomes it was learnt from or counted (lesson-lineage.ts). */
  lineage<K extends LessonKind>(kind: K, id: string, page: LineagePage = {}): Promise<LessonLineage<K>> {
    return lessonLineage(this.context, kind, id, page);
  }

  /** Recomputes heuristics' confidence from their success rate and time since validation. */
  decayConfidence(options: { readonly agent?: string } = {}): Promise<DecayReport> {
    return decayConfidence(this.context, options);
  }

  /** Counts per kind: of the whole project, or of what one agent may read (its own and inherited memories). */
  async stats(options: { readonly agent?: string } = {}): Promise<Stats> {
    const { store, projectId, scopes } = this.context;
    if (options.agent === undefined) return store.stats({ projectId });
    const agents = [...scopes.readableAgents(options.agent)];
    const counts = Object.fromEntries(
      await Promise.all(
        KINDS.map(async (kind): Promise<[Kind, number]> => {
          // Kinds an agent owns count its readable agents' records; the others (preferences,
          // checkpoints, artifact links) belong to the project and count whole.
          const owned = Object.hasOwn(fieldsOf(kind), 'agent');
          const where = owned ? { projectId, agent: { in: agents } } : { projectId };
          return [kind, await store.kind(kind).count(where as never)];
        }),
      ),
    ) as Record<Kind, number>;
    return { projectId, counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
  }
}
