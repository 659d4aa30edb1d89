import { z } from 'zod';

/**
 * The shapes the OpenAPI document names (its `components/schemas`), each registered once under its
 * component name: a shape several routes return is one definition, and the document refers to it.
 */
export const API_SCHEMAS = z.registry<{ readonly id: string }>();

/**
 * Registers a shape under a component name, with the description the document shows for it.
 * @example const stats = named('Stats', 'Counts per kind', z.object({ total: z.number() }));
 */
export function named<S extends z.ZodType>(id: string, description: string, schema: S): S {
  const described = schema.describe(description);
  API_SCHEMAS.add(described, { id });
  return described;
}

/** The component name of a registered shape; a route whose response has none is a programming error. */
export function componentIdOf(schema: z.ZodType): string {
  const id = API_SCHEMAS.get(schema)?.id;
  if (id === undefined) throw new Error('a REST response schema must be registered with named()');
  return id;
}
