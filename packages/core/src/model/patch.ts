import { z } from 'zod';
import { ValidationError } from '../errors/alma-error.js';
import type { FieldSpec } from './fields.js';
import { fieldsOf, IMMUTABLE_FIELDS, type Kind, type MemoryInput, type MemoryRecord } from './kinds.js';

/** Fields a caller may change in place; identity and bookkeeping stay the store's. */
export type PatchInput<K extends Kind> = {
  [F in Exclude<keyof MemoryInput<K>, (typeof IMMUTABLE_FIELDS)[number]>]?: MemoryInput<K>[F];
};

/** A validated, canonical patch: only mutable fields, each already normalised. */
export type Patch<K extends Kind> = Partial<Omit<MemoryRecord<K>, (typeof IMMUTABLE_FIELDS)[number]>>;

/** The field's schema without its default: a patch or filter must never invent values. */
export function valueSchemaOf(spec: FieldSpec): z.ZodType {
  const schema = spec.schema;
  return schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
}

const patchSchemas = new Map<Kind, z.ZodType>();

function patchSchemaOf(kind: Kind): z.ZodType {
  let schema = patchSchemas.get(kind);
  if (!schema) {
    const immutable = new Set<string>(IMMUTABLE_FIELDS);
    const shape = Object.fromEntries(
      Object.entries(fieldsOf(kind))
        .filter(([name]) => !immutable.has(name))
        .map(([name, spec]) => [name, valueSchemaOf(spec).optional()]),
    );
    schema = z.strictObject(shape);
    patchSchemas.set(kind, schema);
  }
  return schema;
}

/** Validates and normalises a patch; immutable or unknown fields are a ValidationError. */
export function parsePatch<K extends Kind>(kind: K, input: PatchInput<K>): Patch<K> {
  const result = patchSchemaOf(kind).safeParse(input);
  if (!result.success) throw validationErrorFrom(`invalid ${kind} patch`, result.error);
  const patch = Object.fromEntries(
    Object.entries(result.data as Record<string, unknown>).filter(([, value]) => value !== undefined),
  );
  if (Object.keys(patch).length === 0) throw new ValidationError(`${kind} patch changes no field`);
  return patch as Patch<K>;
}

/** Turns zod's issues into the one ValidationError shape every caller sees. */
export function validationErrorFrom(context: string, error: z.ZodError): ValidationError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const summary = issues
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
  return new ValidationError(`${context}: ${summary}`, { details: { issues }, cause: error });
}
