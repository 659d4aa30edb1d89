/** Stable, machine-readable error codes. They never change meaning once published. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'DIMENSION_MISMATCH',
  'SCOPE_VIOLATION',
  'UNSUPPORTED',
  'STORE_LOCKED',
  'CORRUPT_DATA',
  'MIGRATION_STATE',
  'STORAGE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AlmaErrorOptions {
  cause?: unknown;
  details?: Readonly<Record<string, unknown>>;
}

/** Base of every error ALMA throws on purpose; switch on `code`, not on the class or the message. */
export class AlmaError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: AlmaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = Object.freeze({ ...options.details });
  }
}

/** Input that breaks the model's rules: wrong type, unknown field, NaN, oversized text, bad id. */
export class ValidationError extends AlmaError {
  constructor(message: string, options?: AlmaErrorOptions) {
    super('VALIDATION', message, options);
  }
}

/** A point operation named a record that does not exist in that project. */
export class NotFoundError extends AlmaError {
  constructor(message: string, options?: AlmaErrorOptions) {
    super('NOT_FOUND', message, options);
  }
}

/** A write lost a race or broke a uniqueness rule; retrying may succeed. */
export class ConflictError extends AlmaError {
  constructor(message: string, options?: AlmaErrorOptions) {
    super('CONFLICT', message, options);
  }
}

/** An embedding or query vector does not have the store's recorded dimension. */
export class DimensionMismatchError extends AlmaError {
  constructor(expected: number, actual: number, options?: AlmaErrorOptions) {
    super('DIMENSION_MISMATCH', `expected an embedding of dimension ${expected}, got ${actual}`, {
      ...options,
      details: { expected, actual, ...options?.details },
    });
  }
}

/** An agent tried to read or write outside what its scope allows. */
export class ScopeViolationError extends AlmaError {
  constructor(message: string, options?: AlmaErrorOptions) {
    super('SCOPE_VIOLATION', message, options);
  }
}

/** The backend does not offer this operation; `capabilities` says so in advance. */
export class UnsupportedError extends AlmaError {
  constructor(message: string, options?: AlmaErrorOptions) {
    super('UNSUPPORTED', message, options);
  }
}

/** Another process holds the store's exclusive lock. */
export class StoreLockedError extends AlmaError {
  constructor(message: string, options?: AlmaErrorOptions) {
    super('STORE_LOCKED', message, options);
  }
}

/** Stored or imported data cannot be read back: torn, truncated or tampered. */
export class CorruptDataError extends AlmaError {
  constructor(message: string, options?: AlmaErrorOptions) {
    super('CORRUPT_DATA', message, options);
  }
}

/** The schema history needs a person: a migration failed or an applied one was edited. Retrying will not help. */
export class MigrationStateError extends AlmaError {
  constructor(message: string, options?: AlmaErrorOptions) {
    super('MIGRATION_STATE', message, options);
  }
}

/** The backend failed; the driver's own error is kept as `cause`. */
export class StorageError extends AlmaError {
  constructor(message: string, options?: AlmaErrorOptions) {
    super('STORAGE', message, options);
  }
}

/** True when `error` is an AlmaError, optionally of one code. */
export function isAlmaError(error: unknown, code?: ErrorCode): error is AlmaError {
  return error instanceof AlmaError && (code === undefined || error.code === code);
}
