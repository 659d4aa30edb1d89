import { fieldsOf, type Kind, type MemoryRecord } from '../model/kinds.js';
import { tokenize } from './tokenize.js';

const searchableFields = new Map<Kind, readonly string[]>();

/** Names of the fields whose text makes up a record's full-text document, in schema order. */
export function searchableFieldsOf(kind: Kind): readonly string[] {
  let names = searchableFields.get(kind);
  if (!names) {
    names = Object.entries(fieldsOf(kind))
      .filter(([, spec]) => spec.searchable)
      .map(([name]) => name);
    searchableFields.set(kind, names);
  }
  return names;
}

/**
 * A record's full-text document as tokens: what every backend indexes, so that "holds every query
 * word" means the same on each of them.
 */
export function searchableTokens<K extends Kind>(kind: K, record: MemoryRecord<K>): string[] {
  const fields = record as Record<string, unknown>;
  return searchableFieldsOf(kind).flatMap((name) => tokenize(String(fields[name] ?? '')));
}
