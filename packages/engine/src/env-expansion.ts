import { ValidationError } from '@alma/core';

/** `${NAME}`, `${NAME:-fallback}` (fallback when unset or empty) and `$$` for a literal dollar sign. */
const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces environment references inside every string of a parsed configuration. Expansion happens
 * after parsing, on values only, so a variable can never inject structure into the file.
 */
export function expandEnvironment(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  path = '',
): unknown {
  if (typeof value === 'string') return expandString(value, env, path);
  if (Array.isArray(value)) return value.map((item, i) => expandEnvironment(item, env, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        expandEnvironment(inner, env, path ? `${path}.${key}` : key),
      ]),
    );
  }
  return value;
}

function expandString(text: string, env: Readonly<Record<string, string | undefined>>, path: string): string {
  return text.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === '$$') return '$';
    const found = env[name!];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    throw new ValidationError(`configuration ${path || 'value'} uses \${${name}}, which is not set`, {
      details: { path, variable: name },
    });
  });
}
