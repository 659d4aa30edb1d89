import type { FieldType } from '../model/fields.js';
import type { FieldsOfType, FieldValue, Kind } from '../model/kinds.js';

/** A value a filter can compare against. */
export type Scalar = string | number | boolean | Date;
export type MetadataValue = string | number | boolean;

type Rangeable<K extends Kind> = FieldsOfType<K, 'number' | 'integer' | 'instant'>;
/** Fields a filter may name: everything but metadata (matched by key) and the embedding. */
export type FilterField<K extends Kind> = Exclude<
  FieldsOfType<K, Exclude<FieldType, 'json' | 'vector'>>,
  'projectId'
>;

type Loose<V> = V extends Date ? Date | string : V;

export type Equality<V> =
  | Loose<V>
  | { eq: Loose<V> }
  | { ne: Loose<V> }
  | { in: readonly Loose<NonNullable<V>>[] };
export type Range<V> = { gt?: Loose<V>; gte?: Loose<V>; lt?: Loose<V>; lte?: Loose<V> };

/** Conditions on one field: equality for every field, ranges for numbers and timestamps. */
export type Condition<K extends Kind, F extends FilterField<K>> =
  | Equality<FieldValue<K, F>>
  | (F extends Rangeable<K> ? Range<NonNullable<FieldValue<K, F>>> : never);

/**
 * The typed filter language: always scoped to one project; the conditions on fields and metadata
 * keys are combined with AND. `null` matches an absent optional value.
 * @example { projectId: 'p1', agent: 'coder', confidence: { gte: 0.5 }, metadata: { lang: 'ts' } }
 */
export type Filter<K extends Kind> = { readonly projectId: string } & {
  readonly [F in FilterField<K>]?: Condition<K, F>;
} & { readonly metadata?: Readonly<Record<string, MetadataValue>> };

export type RangeOp = 'gt' | 'gte' | 'lt' | 'lte';

/** The canonical form adapters compile: validated, normalised, one clause per comparison. */
export type Clause =
  | {
      readonly kind: 'eq' | 'ne';
      readonly field: string;
      readonly type: FieldType;
      readonly value: Scalar | null;
    }
  | {
      readonly kind: 'in';
      readonly field: string;
      readonly type: FieldType;
      readonly values: readonly Scalar[];
    }
  | { readonly kind: RangeOp; readonly field: string; readonly type: FieldType; readonly value: Scalar }
  | { readonly kind: 'metadata'; readonly key: string; readonly value: MetadataValue };

export interface NormalizedFilter {
  readonly projectId: string;
  readonly clauses: readonly Clause[];
}
