import { type Clause, fieldsOf, type Kind, type NormalizedFilter, StorageError } from '@alma/core';
import type { SqlParameter } from '@azure/cosmos';
import { encodeScalar } from '../cosmos-conversion.js';

type ParameterValue = string | number | boolean | null | readonly number[] | readonly string[];

/** Collects query parameters as @p0, @p1, …: no value a caller gave ever reaches the query text. */
export class QueryParameters {
  private readonly list: SqlParameter[] = [];

  add(value: ParameterValue): string {
    const name = `@p${this.list.length}`;
    this.list.push({ name, value: value as SqlParameter['value'] });
    return name;
  }

  get parameters(): SqlParameter[] {
    return [...this.list];
  }
}

/** Field names come from the core's field tables, never from callers; this guards that promise. */
export function fieldName(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new StorageError(`'${name}' is not a field name`);
  return name;
}

/** A field as a query names it. */
export function fieldPath(name: string): string {
  return `c.${fieldName(name)}`;
}

/**
 * The WHERE conditions of a filter, with the semantics of the core's `matchesFilter`: Cosmos compares
 * only values of the same JSON type (1 ≠ "1" ≠ true), a comparison with null or an absent property is
 * undefined and so not a match, which is why `ne` on a nullable field needs its explicit IS_NULL arm.
 */
export function filterConditions(kind: Kind, filter: NormalizedFilter, params: QueryParameters): string[] {
  const fields = fieldsOf(kind);
  return [
    `c.projectId = ${params.add(filter.projectId)}`,
    ...filter.clauses.map((clause) =>
      clauseCondition(clause, fields[clauseField(clause)]?.nullable ?? false, params),
    ),
  ];
}

function clauseField(clause: Clause): string {
  return clause.kind === 'metadata' ? 'metadata' : clause.field;
}

function clauseCondition(clause: Clause, nullable: boolean, params: QueryParameters): string {
  if (clause.kind === 'metadata')
    return `c.metadata[${params.add(clause.key)}] = ${params.add(clause.value)}`;
  const path = fieldPath(clause.field);
  switch (clause.kind) {
    case 'eq':
      return clause.value === null
        ? `IS_NULL(${path})`
        : `${path} = ${params.add(encodeScalar(clause.value))}`;
    case 'ne': {
      if (clause.value === null) return `NOT IS_NULL(${path})`;
      const different = `${path} != ${params.add(encodeScalar(clause.value))}`;
      return nullable ? `(IS_NULL(${path}) OR ${different})` : different;
    }
    case 'in':
      return `${path} IN (${clause.values.map((value) => params.add(encodeScalar(value))).join(', ')})`;
    case 'gt':
      return `${path} > ${params.add(encodeScalar(clause.value))}`;
    case 'gte':
      return `${path} >= ${params.add(encodeScalar(clause.value))}`;
    case 'lt':
      return `${path} < ${params.add(encodeScalar(clause.value))}`;
    case 'lte':
      return `${path} <= ${params.add(encodeScalar(clause.value))}`;
  }
}
