import { z } from 'zod';
import { type FieldSpec, field } from './fields.js';

const common = {
  id: field.id(),
  projectId: field.projectId(),
  createdAt: field.instant(),
  updatedAt: field.instant(),
  metadata: field.metadata(),
  embedding: field.embedding(),
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
  },
  antiPattern: {
    ...common,
    agent: field.key(),
    pattern: field.text(),
    whyBad: field.text(),
    betterAlternative: field.text(),
    occurrenceCount: field.counter(),
    lastSeen: field.instant(),
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
] as const satisfies readonly Kind[];

/** The one storage name per kind, used for every table, container, vector table and file (DC-6). */
export const KIND_STORAGE_NAMES = {
  heuristic: 'alma_heuristics',
  outcome: 'alma_outcomes',
  preference: 'alma_preferences',
  domainKnowledge: 'alma_domain_knowledge',
  antiPattern: 'alma_anti_patterns',
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
