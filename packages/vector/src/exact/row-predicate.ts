import type { Scalar } from '@alma/core';
import { metadataTerm } from '../metadata-terms.js';
import type { ResolvedFilter } from '../resolve-vector-filter.js';
import type { StoredScalar, VectorBlock } from './vector-block.js';

type RowTest = (row: number) => boolean;

/** A scalar as the block stores it: instants as epoch milliseconds, so === and < compare them. */
export function toStored(value: Scalar | null): StoredScalar {
  return value instanceof Date ? value.getTime() : value;
}

/**
 * Compiles a resolved filter (its project is the block) into a test over the block's rows, with
 * core's semantics (`matchesFilter`): null matches only eq/ne null, and never a range or `in`.
 * Returns undefined when every row passes.
 */
export function compileRowPredicate(
  filter: ResolvedFilter,
  block: VectorBlock,
  columnIndex: ReadonlyMap<string, number>,
): RowTest | undefined {
  const tests = filter.clauses.map((resolved): RowTest => {
    if (resolved.column === null) {
      const term = metadataTerm(resolved.clause.key, resolved.clause.value);
      return (row) => block.terms[row]?.has(term) ?? false;
    }
    const { clause, column } = resolved;
    const values: readonly StoredScalar[] =
      column.field === 'id' ? block.ids : block.values[columnIndex.get(column.field)!]!;
    switch (clause.kind) {
      case 'eq':
      case 'ne': {
        const expected = toStored(clause.value);
        const equal: RowTest = (row) => values[row] === expected;
        return clause.kind === 'eq' ? equal : (row) => !equal(row);
      }
      case 'in': {
        const set = new Set(clause.values.map(toStored));
        return (row) => set.has(values[row] ?? null);
      }
      default: {
        const bound = toStored(clause.value) as number;
        const kind = clause.kind;
        return (row) => {
          const value = values[row];
          if (value === null || value === undefined) return false;
          if (kind === 'gt') return (value as number) > bound;
          if (kind === 'gte') return (value as number) >= bound;
          if (kind === 'lt') return (value as number) < bound;
          return (value as number) <= bound;
        };
      }
    }
  });
  if (tests.length === 0) return undefined;
  if (tests.length === 1) return tests[0];
  return (row) => tests.every((test) => test(row));
}
