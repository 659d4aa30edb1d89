import type { Scalar } from '../filter/filter-types.js';
import type { Order } from '../store/query-types.js';
import { type FieldSpec, field } from './fields.js';
import { type CounterField, fieldsOf, type Kind } from './kinds.js';

/** A value computed from two counters of a record: numerator / denominator, 0 while the denominator is 0. */
export interface Ratio {
  readonly numerator: string;
  readonly denominator: string;
}

/**
 * Order fields computed from stored ones, per kind. No backend stores them, so they never drift
 * from their counters: SQL orders by the expression, the others compute it with `orderValue`.
 */
const DERIVED_ORDER_FIELDS = {
  heuristic: {
    /** How often a heuristic worked when tried: the engine's `successRate`. */
    successRate: { numerator: 'successCount', denominator: 'occurrenceCount' },
  },
} as const satisfies {
  readonly [K in Kind]?: Readonly<
    Record<string, { readonly numerator: CounterField<K>; readonly denominator: CounterField<K> }>
  >;
};

type DerivedTable = typeof DERIVED_ORDER_FIELDS;

/** The derived order fields of kind K: `'successRate'` for heuristic, none for other kinds. */
export type DerivedOrderField<K extends Kind> = K extends keyof DerivedTable
  ? keyof DerivedTable[K] & string
  : never;

function derivedOf(kind: Kind): Readonly<Record<string, Ratio>> {
  return Object.hasOwn(DERIVED_ORDER_FIELDS, kind) ? DERIVED_ORDER_FIELDS[kind as keyof DerivedTable] : {};
}

/**
 * The fields a kind may be ordered by that no record stores.
 * @example derivedOrderFields('heuristic') // ['successRate']
 */
export function derivedOrderFields(kind: Kind): readonly string[] {
  return Object.keys(derivedOf(kind));
}

/** The ratio behind one of the kind's derived order fields; undefined for any other name. */
export function derivedRatio(kind: Kind, name: string): Ratio | undefined {
  const derived = derivedOf(kind);
  return Object.hasOwn(derived, name) ? derived[name] : undefined;
}

const RATIO_SPEC = field.ratio();

/** What a cursor's value must satisfy under an order: the stored field's spec, or a ratio's. */
export function orderValueSpec(kind: Kind, order: Order): FieldSpec {
  return order.ratio === undefined ? fieldsOf(kind)[order.field]! : RATIO_SPEC;
}

/**
 * A record's value under an order: the stored field, or the ratio computed as the engine's
 * `successRate` does (IEEE double division). SQL computes it in double precision to match.
 */
export function orderValue(record: object, order: Order): Scalar {
  const fields = record as Readonly<Record<string, unknown>>;
  if (order.ratio === undefined) return fields[order.field] as Scalar;
  const denominator = fields[order.ratio.denominator] as number;
  return denominator > 0 ? (fields[order.ratio.numerator] as number) / denominator : 0;
}
