import { MAX_INSTANT, MIN_INSTANT, type Scalar, ValidationError } from '@alma/core';
import type { VectorColumnType } from '../vector-columns.js';

/**
 * SQL literals for LanceDB's `where`, which takes a string and no parameters. Every value the
 * package puts into a predicate goes through these functions, and each one either yields a literal
 * that stands for exactly that value or throws: no value can end the literal and add SQL.
 */

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** A column name in backticks (LanceDB's quoting); names are checked, so no escaping is needed. */
export function quoteLanceIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new ValidationError(`'${name}' is not a snake_case column name`);
  return `\`${name}\``;
}

/**
 * A string in single quotes, quotes doubled. DataFusion's standard literals treat backslash as
 * an ordinary character, so doubling quotes is the whole escape; `%` and `_` mean something only
 * after LIKE, which the compiler never writes. NUL is refused: the engine would cut the string.
 */
export function stringLiteral(value: string): string {
  if (typeof value !== 'string') throw new ValidationError('expected a string value');
  if (value.includes('\u0000')) throw new ValidationError('a filter value must not contain NUL');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A finite number in JavaScript's shortest round-trip form, which DataFusion parses to the same double. */
export function numberLiteral(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError('a filter number must be finite');
  }
  // Parentheses keep a sign from meeting a preceding operator (`- -1`).
  return value < 0 ? `(${String(value)})` : String(value + 0);
}

/** Booleans are stored as Int8 1 / 0 (see lancedb-arrow.ts), so they compare as numbers. */
export function booleanLiteral(value: boolean): string {
  if (typeof value !== 'boolean') throw new ValidationError('expected a boolean value');
  return value ? '1' : '0';
}

/** A UTC timestamp with milliseconds; ISO 8601 from the Date itself, never from caller text. */
export function instantLiteral(value: Date): string {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (!(time >= MIN_INSTANT && time <= MAX_INSTANT)) {
    throw new ValidationError('a filter timestamp must be a Date between years 1 and 9999');
  }
  return `TIMESTAMP '${value.toISOString()}'`;
}

/** The literal of a value for a column of the given type. */
export function literalFor(type: VectorColumnType, value: Scalar): string {
  switch (type) {
    case 'key':
    case 'text':
      return stringLiteral(value as string);
    case 'number':
    case 'integer':
      return numberLiteral(value as number);
    case 'boolean':
      return booleanLiteral(value as boolean);
    case 'instant':
      return instantLiteral(value as Date);
  }
}
