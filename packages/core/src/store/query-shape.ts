import { ValidationError } from '../errors/alma-error.js';

/**
 * A query argument must be a plain object naming only the keys the operation knows: `null`, an
 * array or a misspelt key (`orderby`, `vectors`) is a ValidationError, never a TypeError or a
 * silently ignored option.
 */
export function assertQueryShape(value: unknown, name: string, keys: readonly string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`${name} must be an object`);
  }
  const unknown = Object.keys(value).filter((key) => !keys.includes(key));
  if (unknown.length > 0) {
    throw new ValidationError(
      `${name} has unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.join(', ')}`,
      {
        details: { unknown, known: [...keys] },
      },
    );
  }
}
