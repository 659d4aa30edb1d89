import { AlmaError, NotFoundError } from '@alma/core';
import { describe, expect, it } from 'vitest';
import { toAlmaError } from '../src/sql-errors.js';

/** The shapes Prisma 7 wraps driver-adapter errors in, built by hand: no database needed. */
function prismaRawError(cause: Record<string, unknown>, code = 'P2010'): Error {
  return Object.assign(new Error('Raw query failed'), { code, meta: { driverAdapterError: { cause } } });
}

describe('SQL errors map to the core error family', () => {
  it.each([
    ['unique violation (adapter kind)', prismaRawError({ kind: 'UniqueConstraintViolation' }), 'CONFLICT'],
    ['write conflict (adapter kind)', prismaRawError({ kind: 'TransactionWriteConflict' }), 'CONFLICT'],
    ['PostgreSQL 23505', prismaRawError({ kind: 'postgres', code: '23505' }), 'CONFLICT'],
    [
      'PostgreSQL 40001 serialization failure',
      prismaRawError({ kind: 'postgres', code: '40001' }),
      'CONFLICT',
    ],
    ['PostgreSQL 40P01 deadlock', prismaRawError({ kind: 'postgres', code: '40P01' }), 'CONFLICT'],
    ['SQLite BUSY', prismaRawError({ kind: 'sqlite', extendedCode: 5 }), 'CONFLICT'],
    ['SQLite BUSY_SNAPSHOT (extended)', prismaRawError({ kind: 'sqlite', extendedCode: 517 }), 'CONFLICT'],
    ['SQLite LOCKED', prismaRawError({ kind: 'sqlite', extendedCode: 6 }), 'CONFLICT'],
    ['Prisma P2002', Object.assign(new Error('unique'), { code: 'P2002' }), 'CONFLICT'],
    ['Prisma P2034', Object.assign(new Error('conflict'), { code: 'P2034' }), 'CONFLICT'],
    [
      'unreadable column type',
      prismaRawError({ kind: 'UnsupportedNativeDataType', type: 'tsvector' }),
      'UNSUPPORTED',
    ],
    ['unreachable database', prismaRawError({ kind: 'DatabaseNotReachable' }), 'STORAGE'],
    ['missing table', prismaRawError({ kind: 'TableDoesNotExist' }), 'STORAGE'],
    ['PostgreSQL syntax error', prismaRawError({ kind: 'postgres', code: '42601' }), 'STORAGE'],
    ['SQLite constraint', prismaRawError({ kind: 'sqlite', extendedCode: 19 }), 'STORAGE'],
    ['a plain Error', new Error('boom'), 'STORAGE'],
  ])('%s → %s', (_label, error, code) => {
    const mapped = toAlmaError(error, 'testing');
    expect(mapped.code).toBe(code);
    expect(mapped.cause).toBe(error);
    expect(mapped.message.startsWith('testing: ')).toBe(true);
  });

  it('says what to do about a missing table', () => {
    expect(toAlmaError(prismaRawError({ kind: 'TableDoesNotExist' }), 'reading').message).toContain(
      'alma db migrate',
    );
  });

  it('passes AlmaErrors through unchanged', () => {
    const original = new NotFoundError('gone');
    expect(toAlmaError(original, 'x')).toBe(original);
    expect(toAlmaError(undefined, 'x')).toBeInstanceOf(AlmaError);
  });
});
