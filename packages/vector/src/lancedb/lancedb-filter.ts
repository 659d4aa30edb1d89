import type { NormalizedFilter } from '@alma/core';
import { metadataTerm } from '../metadata-terms.js';
import { type ResolvedClause, resolveVectorFilter } from '../resolve-vector-filter.js';
import type { VectorColumns } from '../vector-columns.js';
import { literalFor, quoteLanceIdentifier, stringLiteral } from './lancedb-sql-literal.js';

/**
 * Compiles a core filter into a LanceDB `where` predicate with core's semantics: SQL's NULL
 * logic differs (`x <> 'a'` is not true for NULL), so ne and null tests are spelled out.
 * @example compileLanceFilter({ projectId: 'p', clauses: [] }, columns) // "(`project_id` = 'p')"
 */
export function compileLanceFilter(
  filter: NormalizedFilter,
  columns: VectorColumns,
  indexName = 'lancedb',
): string {
  const resolved = resolveVectorFilter(filter, columns, { metadata: true, indexName });
  const parts = [
    `\`project_id\` = ${stringLiteral(resolved.projectId)}`,
    ...resolved.clauses.map(compileClause),
  ];
  return parts.map((part) => `(${part})`).join(' AND ');
}

function compileClause(resolved: ResolvedClause): string {
  if (resolved.column === null) {
    const clause = resolved.clause;
    // Stored metadata never holds NUL, so such a value matches nothing (core: no error, no hit).
    if (typeof clause.value === 'string' && clause.value.includes('\u0000')) return 'FALSE';
    return `array_has(\`metadata_terms\`, ${stringLiteral(metadataTerm(clause.key, clause.value))})`;
  }
  const { clause, column } = resolved;
  const name = quoteLanceIdentifier(column.storageName);
  switch (clause.kind) {
    case 'eq':
      return clause.value === null ? `${name} IS NULL` : `${name} = ${literalFor(column.type, clause.value)}`;
    case 'ne':
      return clause.value === null
        ? `${name} IS NOT NULL`
        : `${name} IS NULL OR ${name} <> ${literalFor(column.type, clause.value)}`;
    case 'in':
      return `${name} IN (${clause.values.map((value) => literalFor(column.type, value)).join(', ')})`;
    case 'gt':
      return `${name} > ${literalFor(column.type, clause.value)}`;
    case 'gte':
      return `${name} >= ${literalFor(column.type, clause.value)}`;
    case 'lt':
      return `${name} < ${literalFor(column.type, clause.value)}`;
    case 'lte':
      return `${name} <= ${literalFor(column.type, clause.value)}`;
  }
}
