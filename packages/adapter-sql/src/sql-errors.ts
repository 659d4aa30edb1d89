import { AlmaError, ConflictError, StorageError, UnsupportedError } from '@alma/core';

/** The neutral error a Prisma driver adapter reports, keyed by `kind` (subset we act on). */
interface DriverErrorCause {
  readonly kind: string;
  readonly code?: string;
  readonly extendedCode?: number;
  readonly message?: string;
}

/** Driver error kinds that mean "another writer got there first; retrying may succeed". */
const CONFLICT_KINDS = new Set(['UniqueConstraintViolation', 'TransactionWriteConflict']);
/** PostgreSQL SQLSTATEs of the same meaning: unique violation, serialization failure, deadlock. */
const CONFLICT_SQLSTATES = new Set(['23505', '40001', '40P01']);
/** SQLite result codes of the same meaning: SQLITE_BUSY and SQLITE_LOCKED (primary codes). */
const CONFLICT_SQLITE_CODES = new Set([5, 6]);
/** Prisma client codes: P2002 unique constraint, P2034 write conflict or deadlock. */
const CONFLICT_PRISMA_CODES = new Set(['P2002', 'P2034']);

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  DatabaseNotReachable: 'the database cannot be reached',
  DatabaseDoesNotExist: 'the database does not exist',
  DatabaseAccessDenied: 'access to the database was denied',
  AuthenticationFailed: 'authentication with the database failed',
  TooManyConnections: 'the database has too many connections',
  ConnectionClosed: 'the database connection closed',
  SocketTimeout: 'the database did not answer in time',
  TableDoesNotExist: 'a table is missing: run the migrations (alma db migrate)',
  ColumnNotFound: 'a column is missing: run the migrations (alma db migrate)',
};

/** Finds the driver adapter's neutral error on whatever Prisma wrapped around it. */
function driverCause(error: unknown): DriverErrorCause | null {
  const candidates = [
    (error as { meta?: { driverAdapterError?: { cause?: unknown } } })?.meta?.driverAdapterError?.cause,
    (error as { cause?: unknown })?.cause,
  ];
  for (const candidate of candidates) {
    if (
      typeof candidate === 'object' &&
      candidate !== null &&
      typeof (candidate as DriverErrorCause).kind === 'string'
    ) {
      return candidate as DriverErrorCause;
    }
  }
  return null;
}

/** Maps a Prisma, driver or SQL error into the core's error family; the original stays as `cause`. */
export function toAlmaError(error: unknown, action: string): AlmaError {
  if (error instanceof AlmaError) return error;
  const cause = driverCause(error);
  const prismaCode = (error as { code?: unknown })?.code;
  const conflict =
    (cause &&
      (CONFLICT_KINDS.has(cause.kind) ||
        (cause.kind === 'postgres' && CONFLICT_SQLSTATES.has(cause.code ?? '')) ||
        (cause.kind === 'sqlite' && CONFLICT_SQLITE_CODES.has((cause.extendedCode ?? -1) & 0xff)))) ||
    (typeof prismaCode === 'string' &&
      (CONFLICT_PRISMA_CODES.has(prismaCode) ||
        // The drivers' own errors, from the paths that bypass Prisma (COPY, the SQLite reader).
        CONFLICT_SQLSTATES.has(prismaCode) ||
        /^SQLITE_(BUSY|LOCKED)/.test(prismaCode)));
  const details = {
    kind: cause?.kind ?? null,
    code: cause?.code ?? cause?.extendedCode ?? prismaCode ?? null,
  };
  if (conflict)
    return new ConflictError(`${action}: the write conflicted with another; retry it`, {
      cause: error,
      details,
    });
  if (cause?.kind === 'UnsupportedNativeDataType') {
    return new UnsupportedError(`${action}: the database returned a type the store cannot read`, {
      cause: error,
      details,
    });
  }
  const reason = (cause && DESCRIPTIONS[cause.kind]) ?? 'the database failed';
  return new StorageError(`${action}: ${reason}`, { cause: error, details });
}
