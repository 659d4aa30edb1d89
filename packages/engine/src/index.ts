// The public surface of @alma/engine, named one by one; everything else is internal.
export { Alma, type AlmaOptions } from './alma.js';
export type { DecayReport } from './confidence-decay.js';
export { loadAlmaConfig } from './config-loader.js';
export { createEmbedder } from './embedders/create-embedder.js';
export type { EmbedderSpec, EmbedderSpecInput } from './embedders/embedder-config.js';
export { HashingEmbedder } from './embedders/hashing-embedder.js';
export { OpenAIEmbedder, type OpenAIEmbedderOptions } from './embedders/openai-embedder.js';
export { TransformersEmbedder, type TransformersEmbedderOptions } from './embedders/transformers-embedder.js';
export {
  type AgentScope,
  type AlmaConfig,
  type AlmaConfigInput,
  type LearningConfig,
  parseAlmaConfig,
  type RetrievalConfig,
  type ScoringWeights,
} from './engine-config.js';
export { expandEnvironment } from './env-expansion.js';
export type { ForgetPolicy, ForgetReport } from './forgetting.js';
export { lessonId } from './lesson-id.js';
export { type LessonLineage, LINEAGE_KEYS, type LineagePage } from './lesson-lineage.js';
export { type ScoreFactors, successRate } from './memory-scoring.js';
export { type MemorySlice, type ScoredMemory, SLICE_FIELDS } from './memory-slice.js';
export type { KnowledgeInput, PreferenceInput } from './memory-writes.js';
export type { LearnInput, LearnResult, LessonAction, LessonChange } from './outcome-learning.js';
export { estimateTokens, renderPrompt } from './prompt-rendering.js';
export { type ReembedOptions, type ReembedReport, reembedStore } from './reembed.js';
export type { RetrieveFilter, RetrieveOptions } from './retrieval.js';
export { MODE_PRESETS, type ModePreset, RETRIEVAL_MODES, type RetrievalMode } from './retrieval-modes.js';
export type { ArchiveQuery } from './workflow/archive.js';
export type { ArtifactInput } from './workflow/artifacts.js';
export type {
  CheckpointInput,
  CheckpointPageQuery,
  CheckpointResult,
  WorkflowRun,
} from './workflow/checkpoints.js';
export {
  CONSOLIDATED_KINDS,
  type ConsolidatedKind,
  type ConsolidateOptions,
  type ConsolidationReport,
  type MergeGroup,
} from './workflow/consolidation.js';
export { stateHash } from './workflow/state-hash.js';
export { STATE_REDUCERS, type StateReducer } from './workflow/state-reducers.js';
export {
  MERGED_TEXT_FIELDS,
  type MergedText,
  OpenAITextMerger,
  type OpenAITextMergerOptions,
  type TextMerger,
} from './workflow/text-merger.js';
export {
  WORKFLOW_RESULTS,
  type WorkflowLearnInput,
  type WorkflowLearnResult,
  type WorkflowResult,
} from './workflow/workflow-learning.js';
export {
  RETRIEVAL_SCOPES,
  type RetrievalScope,
  type ScopedRetrieval,
  type ScopeFilter,
  scopeFilterOf,
  type WorkflowScope,
} from './workflow/workflow-scope.js';
