import type { components } from './openapi.js';

/** A shape of the OpenAPI document by its component name: `Schema<'Heuristic'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
