import { z } from 'zod';
import { isUuid, uuidv7 } from '../ids/uuid-v7.js';
import {
  MAX_INSTANT,
  MAX_KEY_LENGTH,
  MAX_LIST_LENGTH,
  MAX_METADATA_BYTES,
  MAX_METADATA_DEPTH,
  MAX_TEXT_LENGTH,
  MIN_INSTANT,
  PROJECT_ID_PATTERN,
} from './limits.js';

/** What a field holds, as every backend must store it. */
export type FieldType =
  | 'id'
  | 'key'
  | 'text'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'instant'
  | 'json'
  | 'vector';

/**
 * One field of a memory kind: its zod schema (validation, normalisation, default) plus the facts
 * adapters need to map it (type, nullability, full-text, counters).
 */
export interface FieldSpec<
  S extends z.ZodType = z.ZodType,
  T extends FieldType = FieldType,
  C extends boolean = boolean,
> {
  readonly type: T;
  readonly schema: S;
  readonly nullable: boolean;
  /** Part of the record's full-text document. */
  readonly searchable: boolean;
  /** Accepts atomic increments. */
  readonly counter: C;
  /** A missing value becomes the timestamp of the write. */
  readonly defaultNow: boolean;
}

interface SpecFlags<C extends boolean> {
  nullable?: boolean;
  searchable?: boolean;
  counter?: C;
  defaultNow?: boolean;
}

function spec<S extends z.ZodType, T extends FieldType, C extends boolean = false>(
  type: T,
  schema: S,
  flags: SpecFlags<C> = {},
): FieldSpec<S, T, C> {
  return {
    type,
    schema,
    nullable: flags.nullable ?? false,
    searchable: flags.searchable ?? false,
    counter: (flags.counter ?? false) as C,
    defaultNow: flags.defaultNow ?? false,
  };
}

/**
 * Text every backend stores unchanged. PostgreSQL text and jsonb cannot hold U+0000; a lone
 * surrogate is not Unicode, and PostgreSQL and SQLite would store it as U+FFFD (SQLite as three),
 * so an export would differ by backend. Both are refused everywhere.
 */
const TEXT_MESSAGE = 'text must be well-formed Unicode without the NUL character (U+0000)';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isStorableText = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

function jsonTextIsStorable(value: unknown): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (Array.isArray(value)) return value.every(jsonTextIsStorable);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).every(([key, inner]) => isStorableText(key) && jsonTextIsStorable(inner));
  }
  return true;
}

/** Nesting depth of a JSON value, walked without recursion so that no input can overflow the stack. */
function depthWithin(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > max) return false;
    for (const inner of Object.values(item)) pending.push([inner, depth + 1]);
  }
  return true;
}

const keySchema = z.string().min(1).max(MAX_KEY_LENGTH).refine(isStorableText, TEXT_MESSAGE);
const textSchema = z.string().max(MAX_TEXT_LENGTH).refine(isStorableText, TEXT_MESSAGE);
/** JSON-based backends cannot keep -0, so no backend does: a number reads back as +0. */
const finite = () => z.number().overwrite((x) => x + 0);

const instantSchema = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(typeof value === 'string' ? Date.parse(value) : value.getTime()))
  .refine((date) => date.getTime() >= MIN_INSTANT && date.getTime() <= MAX_INSTANT, {
    message: 'timestamp must fall between years 1 and 9999',
  });

const NON_FINITE = 'embedding must not contain NaN or Infinity (or values beyond float32 range)';

/**
 * Copies into a fresh Float32Array in one pass: `x + 0` turns -0 into 0 (JSON-based backends cannot
 * keep it), and a running sum turns NaN or ±Infinity (also from float64 values beyond float32 range)
 * into a non-finite total, so one check covers every element.
 */
function toFloat32(
  values: number[] | Float32Array,
  context: z.core.$RefinementCtx<number[] | Float32Array>,
): Float32Array {
  const vector = new Float32Array(values.length);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const x = (values[i] as number) + 0;
    vector[i] = x;
    total += vector[i] as number;
  }
  if (!Number.isFinite(total)) {
    context.issues.push({ code: 'custom', message: NON_FINITE, input: values });
  }
  return vector;
}

/**
 * Every backend ranks a vector alike only if its length is one float32 arithmetic can square and
 * sum: pgvector's cosine sums squares in float32, so components of 1e20 overflow it and components
 * of 1e-21 fall below its precision. A zero vector (no direction) is allowed: it scores 0 everywhere.
 */
export const MIN_VECTOR_NORM = 1e-15;
export const MAX_VECTOR_NORM = 1e15;
const NORM_MESSAGE = `a vector's length must be 0 or from ${MIN_VECTOR_NORM} to ${MAX_VECTOR_NORM}: scale it`;

export function hasRankableNorm(vector: Float32Array): boolean {
  let sum = 0;
  for (const x of vector) sum += x * x;
  const norm = Math.sqrt(sum);
  return norm === 0 || (norm >= MIN_VECTOR_NORM && norm <= MAX_VECTOR_NORM);
}

const vectorSchema = z
  .union([z.custom<Float32Array>((value) => value instanceof Float32Array), z.array(z.number())])
  .transform(toFloat32)
  .refine((vector) => vector.length > 0, { message: 'embedding must not be empty' })
  .refine(hasRankableNorm, { message: NORM_MESSAGE });

const metadataSchema = documentSchema(MAX_METADATA_BYTES).default(() => ({}));

function documentSchema(maxBytes: number) {
  return (
    z
      .custom<Record<string, unknown>>(
        (value) => depthWithin(value, MAX_METADATA_DEPTH),
        `JSON objects (metadata, state) must nest at most ${MAX_METADATA_DEPTH} levels`,
      )
      .pipe(z.record(z.string(), z.json()))
      // The canonical form is what JSON keeps: a deep copy with -0 as 0, safe from later mutation.
      .transform((value) => JSON.parse(JSON.stringify(value)) as Record<string, z.core.util.JSONType>)
      .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= maxBytes, {
        message: `a JSON object field must serialise to at most ${maxBytes} bytes`,
      })
      .refine(jsonTextIsStorable, TEXT_MESSAGE)
  );
}

/** Field builders; each kind's schema is assembled from these so adapters can read the same facts. */
export const field = {
  id: () =>
    spec(
      'id',
      z
        .string()
        .toLowerCase()
        // The one definition of an id (isUuid), also applied to refs and cursors: RFC 9562
        // versions 1 to 8. The nil and max UUIDs name no record, so no operation accepts them.
        .refine(isUuid, 'id must be a UUID of RFC 9562 (versions 1 to 8)')
        .default(() => uuidv7()),
    ),
  projectId: () =>
    spec('key', z.string().regex(PROJECT_ID_PATTERN, 'projectId must be 1-128 of A-Z a-z 0-9 . _ : @ -')),
  key: () => spec('key', keySchema),
  text: (flags: { searchable?: boolean } = {}) =>
    spec('text', textSchema, { searchable: flags.searchable ?? true }),
  optionalText: () => spec('text', textSchema.nullable().default(null), { nullable: true, searchable: true }),
  unitInterval: (fallback: number) => spec('number', finite().min(0).max(1).default(fallback)),
  counter: () =>
    spec('integer', finite().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0), { counter: true }),
  optionalCount: () =>
    spec('integer', finite().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().default(null), {
      nullable: true,
    }),
  boolean: () => spec('boolean', z.boolean()),
  instant: () =>
    spec(
      'instant',
      instantSchema.default(() => new Date()),
      { defaultNow: true },
    ),
  metadata: () => spec('json', metadataSchema),
  embedding: () => spec('vector', vectorSchema.nullable().default(null), { nullable: true }),
  optionalKey: () => spec('key', keySchema.nullable().default(null), { nullable: true }),
  /** A sequence number or size that a caller (not an increment) sets. */
  integer: () => spec('integer', finite().int().min(0).max(Number.MAX_SAFE_INTEGER)),
  optionalNumber: () => spec('number', finite().min(0).nullable().default(null), { nullable: true }),
  /** A ratio of two counters, computed and never stored: the value a derived order's cursor holds. */
  ratio: () => spec('number', finite().min(0)),
  /** A list of short texts (patterns, strategies), kept in order. */
  textList: () =>
    spec(
      'json',
      z
        .array(textSchema)
        .max(MAX_LIST_LENGTH)
        .default(() => []),
    ),
  /**
   * A JSON object the caller owns (workflow state, an archived record), held whole: the metadata
   * rules, with its own size limit.
   */
  document: (maxBytes: number) => spec('json', documentSchema(maxBytes)),
} as const;
