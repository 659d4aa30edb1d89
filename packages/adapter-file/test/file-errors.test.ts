import { toAlmaError } from '@alma/adapter-file';
import { AlmaError, ValidationError } from '@alma/core';
import { describe, expect, it } from 'vitest';

function fsError(code: string, path = '/store/alma_heuristics.jsonl'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed`), { code, path });
}

describe('file-system errors map to the core error family', () => {
  it.each([
    ['ENOENT', 'STORAGE', 'missing'],
    ['EACCES', 'STORAGE', 'permission'],
    ['EPERM', 'STORAGE', 'refused'],
    ['ENOSPC', 'STORAGE', 'disk is full'],
    ['EROFS', 'STORAGE', 'read-only'],
    ['EMFILE', 'STORAGE', 'too many open files'],
    ['EIO', 'STORAGE', 'file system failed'],
  ])('%s → %s', (code, expected, phrase) => {
    const error = toAlmaError(fsError(code), 'appending');
    expect(error.code).toBe(expected);
    expect(error.message).toContain(phrase);
    expect((error.cause as NodeJS.ErrnoException).code).toBe(code);
  });

  it('EEXIST on the lock file means the store is locked', () => {
    expect(toAlmaError(fsError('EEXIST', '/store/LOCK'), 'opening').code).toBe('STORE_LOCKED');
  });

  it('passes AlmaErrors through unchanged', () => {
    const original = new ValidationError('bad');
    expect(toAlmaError(original, 'x')).toBe(original);
    expect(toAlmaError('not even an error', 'x')).toBeInstanceOf(AlmaError);
  });
});
