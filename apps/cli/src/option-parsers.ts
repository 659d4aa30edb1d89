import { type Command, InvalidArgumentError } from 'commander';

/** Commander argument parsers: a bad value is a usage error (exit 2) naming the option. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return number;
  };
}

export function fraction(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1');
  }
  return number;
}

export function positiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('expected a number above 0');
  }
  return number;
}

/** `--metadata key=value`, repeatable; numbers and true/false become JSON numbers and booleans. */
export function metadataEntry(
  value: string,
  previous: Record<string, string | number | boolean> = {},
): Record<string, string | number | boolean> {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidArgumentError('expected key=value');
  const raw = value.slice(at + 1);
  const typed =
    raw === 'true' ? true : raw === 'false' ? false : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  return { ...previous, [value.slice(0, at)]: typed };
}

export const STORE_FLAGS = '--store <url>';
export const STORE_HELP =
  'store URL: file:./dir, sqlite:./alma.db, postgres://…, cosmos://host:443?db=name (key in COSMOS_KEY); default: $ALMA_STORE, else SQLite in ./.alma/';
export const JSON_HELP = 'print one JSON document for scripts (no progress bars)';
export const PROJECT_HELP =
  'project id (default: the configuration file’s, else $ALMA_PROJECT, else "default")';
export const CONFIG_HELP =
  'ALMA configuration file, YAML or JSON: agents’ scopes, embedder, tuning (default: $ALMA_CONFIG)';

/** The options every memory command takes: where the store is, which project, which configuration. */
export function withEngineOptions(command: Command): Command {
  return command
    .option(STORE_FLAGS, STORE_HELP)
    .option('--project <id>', PROJECT_HELP)
    .option('--config <file>', CONFIG_HELP)
    .option('--json', JSON_HELP, false);
}

export interface EngineFlags {
  readonly store?: string;
  readonly project?: string;
  readonly config?: string;
  readonly json: boolean;
}

/** A JSON object given on the command line (`--state '{"step":1}'`). */
export function jsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('expected a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidArgumentError('expected a JSON object');
  }
  return parsed as Record<string, unknown>;
}
