import type { z } from 'zod';
import { ValidationError } from '../errors/alma-error.js';
import type { FieldSpec } from '../model/fields.js';
import { isStorableText } from '../model/fields.js';
import { fieldsOf, type Kind } from '../model/kinds.js';
import { PROJECT_ID_PATTERN } from '../model/limits.js';
import { valueSchemaOf } from '../model/patch.js';
import type { Clause, Filter, NormalizedFilter, RangeOp, Scalar } from './filter-types.js';

/** Metadata keys become JSON paths in SQL and property names in Cosmos, so they stay plain identifiers. */
export const METADATA_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const MAX_IN_VALUES = 1_000;

const RANGE_OPS: readonly RangeOp[] = ['gt', 'gte', 'lt', 'lte'];
const RANGEABLE = new Set(['number', 'integer', 'instant']);
const UNFILTERABLE = new Set(['json', 'vector']);

/** Validates a typed filter against kind K and turns it into the canonical clause list. */
export function parseFilter<K extends Kind>(kind: K, filter: Filter<K>): NormalizedFilter {
  if (typeof filter !== 'object' || filter === null) throw new ValidationError('filter must be an object');
  const { projectId, metadata, ...conditions } = filter as Record<string, unknown>;
  if (typeof projectId !== 'string' || !PROJECT_ID_PATTERN.test(projectId)) {
    throw new ValidationError('filter.projectId is required and must be a valid project id');
  }
  const fields = fieldsOf(kind);
  const clauses: Clause[] = [];
  for (const [name, condition] of Object.entries(conditions)) {
    if (condition === undefined) continue;
    const spec = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!spec || UNFILTERABLE.has(spec.type))
      throw new ValidationError(`${kind} cannot be filtered by '${name}'`);
    clauses.push(...fieldClauses(name, spec, condition));
  }
  if (metadata !== undefined) clauses.push(...metadataClauses(metadata));
  return { projectId, clauses };
}

function fieldClauses(name: string, spec: FieldSpec, condition: unknown): Clause[] {
  const type = spec.type;
  if (!isOperatorObject(condition))
    return [{ kind: 'eq', field: name, type, value: nullableValue(name, spec, condition) }];
  const entries = Object.entries(condition);
  if (entries.length === 0) throw new ValidationError(`condition on '${name}' names no operator`);
  return entries.map(([op, operand]): Clause => {
    if (op === 'eq' || op === 'ne')
      return { kind: op, field: name, type, value: nullableValue(name, spec, operand) };
    if (op === 'in') {
      if (!Array.isArray(operand) || operand.length === 0 || operand.length > MAX_IN_VALUES) {
        throw new ValidationError(`'in' on '${name}' takes 1 to ${MAX_IN_VALUES} values`);
      }
      return { kind: 'in', field: name, type, values: operand.map((v) => value(name, spec, v)) };
    }
    if ((RANGE_OPS as readonly string[]).includes(op)) {
      if (!RANGEABLE.has(type)) throw new ValidationError(`'${op}' is not allowed on '${name}' (${type})`);
      return { kind: op as RangeOp, field: name, type, value: value(name, spec, operand) };
    }
    throw new ValidationError(`unknown operator '${op}' on '${name}'`);
  });
}

function isOperatorObject(condition: unknown): condition is Record<string, unknown> {
  return (
    typeof condition === 'object' &&
    condition !== null &&
    !(condition instanceof Date) &&
    !Array.isArray(condition)
  );
}

function nullableValue(name: string, spec: FieldSpec, operand: unknown): Scalar | null {
  if (operand === null) {
    if (!spec.nullable) throw new ValidationError(`'${name}' is never null`);
    return null;
  }
  return value(name, spec, operand);
}

function value(name: string, spec: FieldSpec, operand: unknown): Scalar {
  const schema: z.ZodType = valueSchemaOf(spec);
  const result = schema.safeParse(operand);
  if (!result.success || result.data === null) {
    throw new ValidationError(
      `invalid value for '${name}': ${result.success ? 'null' : result.error.issues[0]?.message}`,
    );
  }
  return result.data as Scalar;
}

function metadataClauses(metadata: unknown): Clause[] {
  if (!isOperatorObject(metadata))
    throw new ValidationError('filter.metadata must be an object of key → value');
  return Object.entries(metadata).map(([key, expected]): Clause => {
    if (!METADATA_KEY_PATTERN.test(key))
      throw new ValidationError(`metadata key '${key}' is not a plain identifier`);
    const ok =
      (typeof expected === 'string' && isStorableText(expected)) ||
      typeof expected === 'boolean' ||
      (typeof expected === 'number' && Number.isFinite(expected));
    if (!ok) throw new ValidationError(`metadata.${key} must be a string, finite number or boolean`);
    return { kind: 'metadata', key, value: expected };
  });
}
