import { ValidationError } from '../errors/alma-error.js';

/** The range every counter holds, as its schema says: a whole number from 0 to 2^53 − 1. */
export const MAX_COUNTER = Number.MAX_SAFE_INTEGER;

/**
 * The one rule for an increment's result, applied by every backend atomically with the write: a
 * counter never leaves its schema's range, so no store ever holds a record it cannot read back.
 */
export function checkedCounter(field: string, current: number, delta: number): number {
  const next = current + delta;
  if (!Number.isSafeInteger(next) || next < 0 || next > MAX_COUNTER) {
    throw new ValidationError(`incrementing '${field}' by ${delta} would leave 0 to ${MAX_COUNTER}`, {
      details: { field, current, delta },
    });
  }
  return next;
}
