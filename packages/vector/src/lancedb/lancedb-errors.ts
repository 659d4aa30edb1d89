import { AlmaError, ConflictError, StorageError } from '@alma/core';

/** How a LanceDB failure maps into core's error family; the first matching rule wins. */
export const LANCEDB_ERROR_RULES: readonly {
  readonly pattern: RegExp;
  readonly code: 'CONFLICT' | 'STORAGE';
}[] = [
  // Another writer committed first; LanceDB gave up retrying. Retrying the operation may succeed.
  { pattern: /commit conflict|retryable|concurrent/i, code: 'CONFLICT' },
  { pattern: /.*/s, code: 'STORAGE' },
];

/** Wraps a driver error as the matching AlmaError, keeping it as `cause`; AlmaErrors pass through. */
export function lancedbError(operation: string, error: unknown): AlmaError {
  if (error instanceof AlmaError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n', 1)[0] ?? '';
  const rule = LANCEDB_ERROR_RULES.find(({ pattern }) => pattern.test(text));
  const message = `LanceDB ${operation} failed: ${firstLine}`;
  return rule?.code === 'CONFLICT'
    ? new ConflictError(message, { cause: error })
    : new StorageError(message, { cause: error });
}

/** Runs a driver call and maps whatever it throws. */
export async function withLanceErrors<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw lancedbError(operation, error);
  }
}
