import { AlmaError, type ErrorCode } from '@alma/core';
import { expect } from 'vitest';
import type { VectorHit } from '../vector-index.js';

/** Asserts that the promise rejects with an AlmaError of exactly this code. */
export async function expectVectorError(promise: Promise<unknown>, code: ErrorCode): Promise<AlmaError> {
  const error = await promise.then(
    () => null,
    (rejection: unknown) => rejection,
  );
  expect(error, `expected an AlmaError ${code}`).toBeInstanceOf(AlmaError);
  expect((error as AlmaError).code, (error as Error).message).toBe(code);
  return error as AlmaError;
}

/** Exact search: the same ids in the same order, and the same scores (both come from the kernel). */
export function expectSameHits(actual: readonly VectorHit[], expected: readonly VectorHit[]): void {
  expect(actual.map((hit) => `${hit.projectId}/${hit.id}`)).toEqual(
    expected.map((hit) => `${hit.projectId}/${hit.id}`),
  );
  actual.forEach((hit, i) => {
    expect(hit.score).toBeCloseTo(expected[i]!.score, 9);
  });
}

/** Share of the expected ids that the actual hits hold. */
export function recallOf(
  actual: readonly VectorHit[],
  expected: readonly VectorHit[],
): { found: number; wanted: number } {
  const ids = new Set(actual.map((hit) => hit.id));
  return { found: expected.filter((hit) => ids.has(hit.id)).length, wanted: expected.length };
}
