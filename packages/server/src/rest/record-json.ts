import {
  encodeRecord,
  type FieldSpec,
  KIND_FIELDS,
  KINDS,
  type Kind,
  type MemoryRecord,
  UUID_PATTERN,
  valueSchemaOf,
} from '@alma/core';
import { z } from 'zod';
import { named } from './api-schema-registry.js';

type FieldsOf<K extends Kind> = (typeof KIND_FIELDS)[K];
/** The JSON of a field: what `encodeRecord` makes of it (ISO timestamps, base64 vectors, the rest as is). */
type FieldJson<S> = S extends { readonly type: 'instant' | 'vector' }
  ? string
  : S extends { readonly schema: infer Z extends z.ZodType }
    ? z.output<Z>
    : never;

/** A record of kind K as the API returns it: every field but the embedding, none left out. */
export type RecordJson<K extends Kind> = K extends Kind
  ? { [N in Exclude<keyof FieldsOf<K>, 'embedding'>]: FieldJson<FieldsOf<K>[N]> }
  : never;

/**
 * A record as the API returns it: the export format's encoding (ISO timestamps) without the
 * embedding, which is the server's business and would be most of the bytes.
 */
export function recordJson<K extends Kind>(kind: K, record: MemoryRecord<K>): RecordJson<K> {
  const { embedding: _, ...fields } = encodeRecord(kind, record);
  // encodeRecord writes every field of the kind's table, encoded as RECORD_SCHEMAS describes.
  return fields as RecordJson<K>;
}

const timestamp = named('Timestamp', 'An instant in ISO 8601, UTC, to the millisecond', z.iso.datetime());
export const jsonObject = named(
  'JsonObject',
  'A JSON object the caller owns (metadata, a workflow state, an archived record)',
  z.record(z.string(), z.unknown()),
);

/** The JSON schema of one field, as `encodeRecord` writes it. */
function fieldJsonSchema(spec: FieldSpec): z.ZodType {
  const value = valueSchemaOf(spec);
  const nullable = (schema: z.ZodType) => (spec.nullable ? schema.nullable() : schema);
  switch (spec.type) {
    // Ids are the store's lower-case UUIDs; its own schema only says "string" (a refinement).
    case 'id':
      return z.string().regex(UUID_PATTERN);
    case 'instant':
      return nullable(timestamp);
    case 'vector':
      return nullable(z.base64());
    case 'json':
      // JSON fields are objects (a transform that JSON Schema cannot show), except text lists.
      return value instanceof z.ZodArray ? value : nullable(jsonObject);
    default:
      return value;
  }
}

/** `Heuristic`, `DomainKnowledge`, …: a kind's name in the OpenAPI document. */
export function componentNameOf(kind: Kind): string {
  return `${kind[0]!.toUpperCase()}${kind.slice(1)}`;
}

function buildRecordSchema(kind: Kind): z.ZodType {
  const fields = Object.entries(KIND_FIELDS[kind] as Readonly<Record<string, FieldSpec>>).filter(
    ([name]) => name !== 'embedding',
  );
  return named(
    componentNameOf(kind),
    `A ${kind} record (without its embedding)`,
    z.object(Object.fromEntries(fields.map(([name, spec]) => [name, fieldJsonSchema(spec)]))),
  );
}

const RECORD_SCHEMAS = new Map<Kind, z.ZodType>(KINDS.map((kind) => [kind, buildRecordSchema(kind)]));

/** The schema of a kind's records: one component per kind, built from the kind's field table. */
export function recordSchema<K extends Kind>(kind: K): z.ZodType<RecordJson<K>> {
  // Built from the same field table that encodeRecord walks.
  return RECORD_SCHEMAS.get(kind) as z.ZodType<RecordJson<K>>;
}
