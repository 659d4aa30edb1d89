import { expect } from 'vitest';
import { AlmaError, type ErrorCode } from '../errors/alma-error.js';

/** Asserts that the promise rejects with an AlmaError of exactly this code. */
export async function expectAlmaError(promise: Promise<unknown>, code: ErrorCode): Promise<AlmaError> {
  const error = await promise.then(
    () => null,
    (rejection: unknown) => rejection,
  );
  expect(error, `expected an AlmaError ${code}`).toBeInstanceOf(AlmaError);
  expect((error as AlmaError).code).toBe(code);
  return error as AlmaError;
}
