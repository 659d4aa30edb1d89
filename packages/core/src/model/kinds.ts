import { z } from 'zod';
import { type FieldSpec, field } from './fields.js';
import { MAX_ARCHIVED_RECORD_BYTES, MAX_STATE_BYTES } from './limits.js';

const common = {
  id: field.id(),
  projectId: field.projectId(),
  createdAt: field.instant(),
  updatedAt: field.instant(),
  metadata: field.metadata(),
  embedding: field.embedding(),
};

/**
 * Where in a workflow a memory was learnt (the original's v1.1.0 "workflow context"). All null for
 * memories learnt outside a workflow; scoped retrieval narrows by them (engine: workflow-scope.ts).
 */
const workflowScope = {
  tenantId: field.optionalKey(),
  workflowId: field.optionalKey(),
  runId: field.optionalKey(),
  nodeId: field.optionalKey(),
};

/** Field tables per kind: the single source of truth for schema, defaults and adapter mapping. */
export const KIND_FIELDS = {
  heuristic: {
    ...common,
    agent: field.key(),
    condition: field.text(),
    strategy: field.text(),
    confidence: field.unitInterval(0),
    occurrenceCount: field.counter(),
    successCount: field.counter(),
    lastValidated: field.instant(),
    ...workflowScope,
  },
  outcome: {
    ...common,
    agent: field.key(),
    taskType: field.key(),
    taskDescription: field.text(),
    success: field.boolean(),
    strategyUsed: field.text(),
    durationMs: field.optionalCount(),
    errorMessage: field.optionalText(),
    userFeedback: field.optionalText(),
    timestamp: field.instant(),
    ...workflowScope,
  },
  preference: {
    ...common,
    userId: field.key(),
    category: field.key(),
    preference: field.text(),
    source: field.key(),
    confidence: field.unitInterval(1),
  },
  domainKnowledge: {
    ...common,
    agent: field.key(),
    domain: field.key(),
    fact: field.text(),
    source: field.key(),
    confidence: field.unitInterval(1),
    lastVerified: field.instant(),
    ...workflowScope,
  },
  antiPattern: {
    ...common,
    agent: field.key(),
    pattern: field.text(),
    whyBad: field.text(),
    betterAlternative: field.text(),
    occurrenceCount: field.counter(),
    lastSeen: field.instant(),
    ...workflowScope,
  },
  /** A workflow's state after one node, for resuming a crashed run. */
  checkpoint: {
    ...common,
    runId: field.key(),
    nodeId: field.key(),
    /** Null on the main branch. */
    branchId: field.optionalKey(),
    parentCheckpointId: field.optionalKey(),
    /** 1, 2, 3, … per run, across branches: unique even when nodes checkpoint concurrently. */
    sequenceNumber: field.integer(),
    state: field.document(MAX_STATE_BYTES),
    /** SHA-256 of the state's canonical JSON, hex: a checkpoint of unchanged state can be skipped. */
    stateHash: field.key(),
  },
  /** How one run of a workflow ended, and what it taught. */
  workflowOutcome: {
    ...common,
    agent: field.key(),
    tenantId: field.optionalKey(),
    workflowId: field.key(),
    runId: field.key(),
    /** success, failure, partial, cancelled or timeout. */
    result: field.key(),
    summary: field.text(),
    strategiesUsed: field.textList(),
    successfulPatterns: field.textList(),
    failedPatterns: field.textList(),
    durationSeconds: field.optionalNumber(),
    nodeCount: field.optionalCount(),
    errorMessage: field.optionalText(),
    timestamp: field.instant(),
  },
  /** A file or URL (screenshot, log, report) attached to a memory. */
  artifactLink: {
    ...common,
    memoryId: field.key(),
    artifactType: field.key(),
    storageUrl: field.text({ searchable: false }),
    filename: field.optionalText(),
    mimeType: field.optionalKey(),
    sizeBytes: field.optionalCount(),
    checksum: field.optionalKey(),
  },
  /**
   * A memory taken out of use (merged by consolidation), kept whole so that it can be restored:
   * `record` is the memory as it was, without its embedding, which this record keeps.
   */
  archivedMemory: {
    ...common,
    originalKind: field.key(),
    originalId: field.key(),
    agent: field.key(),
    /** Why it left: `consolidated`. */
    reason: field.key(),
    /** The memory that now stands for it. */
    mergedInto: field.optionalKey(),
    record: field.document(MAX_ARCHIVED_RECORD_BYTES),
    archivedAt: field.instant(),
  },
} as const satisfies Record<string, Record<string, FieldSpec>>;

export type Kind = keyof typeof KIND_FIELDS;
export type KindFields<K extends Kind> = (typeof KIND_FIELDS)[K];

/** Every kind, in the one canonical order used by exports, stats and migrations. */
export const KINDS = [
  'heuristic',
  'outcome',
  'preference',
  'domainKnowledge',
  'antiPattern',
  'checkpoint',
  'workflowOutcome',
  'artifactLink',
  'archivedMemory',
] as const satisfies readonly Kind[];

/** The kinds an agent is handed at retrieval and learns into: the memories proper. */
export const MEMORY_KINDS = [
  'heuristic',
  'outcome',
  'preference',
  'domainKnowledge',
  'antiPattern',
] as const satisfies readonly Kind[];
export type MemoryKind = (typeof MEMORY_KINDS)[number];

/** The workflow layer's kinds (the original's v1.1.0): checkpoints, workflow outcomes, artifacts, the archive. */
export const WORKFLOW_KINDS = [
  'checkpoint',
  'workflowOutcome',
  'artifactLink',
  'archivedMemory',
] as const satisfies readonly Kind[];

export function isMemoryKind(kind: Kind): kind is MemoryKind {
  return (MEMORY_KINDS as readonly Kind[]).includes(kind);
}

/** The one storage name per kind, used for every table, container, vector table and file (DC-6). */
export const KIND_STORAGE_NAMES = {
  heuristic: 'alma_heuristics',
  outcome: 'alma_outcomes',
  preference: 'alma_preferences',
  domainKnowledge: 'alma_domain_knowledge',
  antiPattern: 'alma_anti_patterns',
  checkpoint: 'alma_checkpoints',
  workflowOutcome: 'alma_workflow_outcomes',
  artifactLink: 'alma_artifact_links',
  archivedMemory: 'alma_archived_memories',
} as const satisfies Record<Kind, string>;

type SchemaShape<F extends Record<string, FieldSpec>> = { [N in keyof F]: F[N]['schema'] };

function schemaOf<F extends Record<string, FieldSpec>>(
  fields: F,
): z.ZodObject<SchemaShape<F>, z.core.$strict> {
  const shape = Object.fromEntries(Object.entries(fields).map(([name, spec]) => [name, spec.schema]));
  return z.strictObject(shape) as unknown as z.ZodObject<SchemaShape<F>, z.core.$strict>;
}

/** The zod schema of each kind: parse input into a canonical record. */
export const KIND_SCHEMAS = {
  heuristic: schemaOf(KIND_FIELDS.heuristic),
  outcome: schemaOf(KIND_FIELDS.outcome),
  preference: schemaOf(KIND_FIELDS.preference),
  domainKnowledge: schemaOf(KIND_FIELDS.domainKnowledge),
  antiPattern: schemaOf(KIND_FIELDS.antiPattern),
  checkpoint: schemaOf(KIND_FIELDS.checkpoint),
  workflowOutcome: schemaOf(KIND_FIELDS.workflowOutcome),
  artifactLink: schemaOf(KIND_FIELDS.artifactLink),
  archivedMemory: schemaOf(KIND_FIELDS.archivedMemory),
} as const;

/** A stored, canonical record of kind K. */
export type MemoryRecord<K extends Kind> = z.output<(typeof KIND_SCHEMAS)[K]>;
/** What a caller may pass to `put`: defaults and generated fields may be left out. */
export type MemoryInput<K extends Kind> = z.input<(typeof KIND_SCHEMAS)[K]>;

export type Heuristic = MemoryRecord<'heuristic'>;
export type Outcome = MemoryRecord<'outcome'>;
export type Preference = MemoryRecord<'preference'>;
export type DomainKnowledge = MemoryRecord<'domainKnowledge'>;
export type AntiPattern = MemoryRecord<'antiPattern'>;
export type Checkpoint = MemoryRecord<'checkpoint'>;
export type WorkflowOutcome = MemoryRecord<'workflowOutcome'>;
export type ArtifactLink = MemoryRecord<'artifactLink'>;
export type ArchivedMemory = MemoryRecord<'archivedMemory'>;
export type AnyMemoryRecord = MemoryRecord<Kind>;

/** Identity of a record: ids are unique within a project, and the project is the partition (DC-5, DC-11). */
export interface Ref {
  readonly projectId: string;
  readonly id: string;
}

/** Field names of kind K whose values are of the given field types. */
export type FieldsOfType<K extends Kind, T extends FieldSpec['type']> = {
  [F in keyof KindFields<K>]: KindFields<K>[F] extends { type: T } ? F : never;
}[keyof KindFields<K>] &
  string;

/** The canonical value type of field F of kind K. */
export type FieldValue<K extends Kind, F extends string> = F extends keyof MemoryRecord<K>
  ? MemoryRecord<K>[F]
  : never;

/** Fields that accept atomic increments. */
export type CounterField<K extends Kind> = {
  [F in keyof KindFields<K>]: KindFields<K>[F] extends { counter: true } ? F : never;
}[keyof KindFields<K>] &
  string;

/** Identity and bookkeeping fields: never patched by callers. */
export const IMMUTABLE_FIELDS = ['id', 'projectId', 'createdAt', 'updatedAt'] as const;
export type ImmutableField = (typeof IMMUTABLE_FIELDS)[number];

export function isKind(value: string): value is Kind {
  return Object.hasOwn(KIND_FIELDS, value);
}

export function fieldsOf<K extends Kind>(kind: K): Readonly<Record<string, FieldSpec>> {
  return KIND_FIELDS[kind];
}
