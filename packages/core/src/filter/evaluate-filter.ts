import type { Clause, NormalizedFilter, Scalar } from './filter-types.js';

/** The reference semantics of the filter language; every adapter must agree with it. */
export function matchesFilter(record: object, filter: NormalizedFilter): boolean {
  const fields = record as Record<string, unknown>;
  if (fields.projectId !== filter.projectId) return false;
  return filter.clauses.every((clause) => matchesClause(fields, clause));
}

function matchesClause(fields: Record<string, unknown>, clause: Clause): boolean {
  if (clause.kind === 'metadata') {
    const metadata = fields.metadata as Record<string, unknown>;
    return Object.hasOwn(metadata, clause.key) && metadata[clause.key] === clause.value;
  }
  const actual = fields[clause.field] as Scalar | null;
  switch (clause.kind) {
    case 'eq':
      return sameValue(actual, clause.value);
    case 'ne':
      return !sameValue(actual, clause.value);
    case 'in':
      return clause.values.some((candidate) => sameValue(actual, candidate));
    default: {
      if (actual === null) return false;
      const order = compareScalars(actual, clause.value);
      if (clause.kind === 'gt') return order > 0;
      if (clause.kind === 'gte') return order >= 0;
      if (clause.kind === 'lt') return order < 0;
      return order <= 0;
    }
  }
}

function sameValue(a: Scalar | null, b: Scalar | null): boolean {
  if (a === null || b === null) return a === b;
  return compareScalars(a, b) === 0;
}

/** Total order used by filters, ordering and cursors: numbers, instants, booleans, then code-unit strings. */
export function compareScalars(a: Scalar, b: Scalar): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (x === y) return 0;
  return x < y ? -1 : 1;
}
