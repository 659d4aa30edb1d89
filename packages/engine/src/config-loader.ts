import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { NotFoundError, ValidationError } from '@alma/core';
import { type AlmaConfig, parseAlmaConfig } from './engine-config.js';
import { expandEnvironment } from './env-expansion.js';

/**
 * Reads an ALMA configuration from a YAML or JSON file (by extension; YAML otherwise), expands
 * `${VAR}` references from the environment, then validates and freezes it.
 * @example const config = await loadAlmaConfig('alma.yaml');
 */
export async function loadAlmaConfig(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<AlmaConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new NotFoundError(`cannot read configuration file ${path}`, { cause, details: { path } });
  }
  let parsed: unknown;
  try {
    // The YAML parser loads only when a YAML file is read: every process importing core paid for it.
    parsed = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : (await import('yaml')).parse(text);
  } catch (cause) {
    throw new ValidationError(
      `configuration file ${path} is not valid ${extname(path) || 'YAML'}: ${(cause as Error).message}`,
      {
        cause,
        details: { path },
      },
    );
  }
  return parseAlmaConfig(expandEnvironment(parsed, env));
}
