import { type Clause, ConflictError, StorageError, ValidationError } from '@alma/core';
import {
  booleanLiteral,
  compileLanceFilter,
  instantLiteral,
  lancedbError,
  numberLiteral,
  quoteLanceIdentifier,
  stringLiteral,
} from '@alma/vector';
import { TEST_COLUMNS } from '@alma/vector/testing';
import { describe, expect, it } from 'vitest';

const compile = (...clauses: Clause[]) => compileLanceFilter({ projectId: 'p1', clauses }, TEST_COLUMNS);

describe('LanceDB filter compiler', () => {
  it('spells out SQL null logic so every clause keeps core semantics', () => {
    expect(compile()).toBe("(`project_id` = 'p1')");
    expect(compile({ kind: 'eq', field: 'agent', type: 'key', value: 'coder' })).toBe(
      "(`project_id` = 'p1') AND (`agent` = 'coder')",
    );
    expect(compile({ kind: 'eq', field: 'agent', type: 'key', value: null })).toContain('(`agent` IS NULL)');
    expect(compile({ kind: 'ne', field: 'agent', type: 'key', value: null })).toContain(
      '(`agent` IS NOT NULL)',
    );
    expect(compile({ kind: 'ne', field: 'agent', type: 'key', value: 'x' })).toContain(
      "(`agent` IS NULL OR `agent` <> 'x')",
    );
    expect(compile({ kind: 'in', field: 'occurrenceCount', type: 'integer', values: [1, -2] })).toContain(
      '(`occurrence_count` IN (1, (-2)))',
    );
    expect(compile({ kind: 'gte', field: 'lastSeen', type: 'instant', value: new Date(0) })).toContain(
      "(`last_seen` >= TIMESTAMP '1970-01-01T00:00:00.000Z')",
    );
    expect(compile({ kind: 'eq', field: 'verified', type: 'boolean', value: true })).toContain(
      '(`verified` = 1)',
    );
    expect(compile({ kind: 'eq', field: 'id', type: 'id', value: 'r1' })).toContain("(`id` = 'r1')");
    expect(compile({ kind: 'metadata', key: 'lang', value: 'ts' })).toContain(
      "array_has(`metadata_terms`, 'lang\u001fsts')",
    );
    expect(compile({ kind: 'metadata', key: 'lang', value: 'a\u0000b' })).toContain('(FALSE)');
  });

  it('quotes strings by doubling quotes only; backslash, %, _ and unicode stay as they are', () => {
    expect(stringLiteral("x' OR '1'='1")).toBe("'x'' OR ''1''=''1'");
    expect(stringLiteral('back\\slash')).toBe("'back\\slash'");
    expect(stringLiteral('100%_')).toBe("'100%_'");
    expect(stringLiteral('ünï 😀')).toBe("'ünï 😀'");
    expect(() => stringLiteral('nul\u0000')).toThrow(ValidationError);
  });

  it('writes numbers, booleans and instants that cannot carry anything else', () => {
    expect(numberLiteral(-0)).toBe('0');
    expect(numberLiteral(-3.5)).toBe('(-3.5)');
    expect(numberLiteral(1e-7)).toBe('1e-7');
    expect(numberLiteral(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(() => numberLiteral(Number.NaN)).toThrow(ValidationError);
    expect(() => numberLiteral(Number.POSITIVE_INFINITY)).toThrow(ValidationError);
    expect(booleanLiteral(false)).toBe('0');
    expect(instantLiteral(new Date('0001-01-01T00:00:00.000Z'))).toBe("TIMESTAMP '0001-01-01T00:00:00.000Z'");
    expect(() => instantLiteral(new Date(Number.NaN))).toThrow(ValidationError);
    expect(() => instantLiteral(new Date(Date.UTC(10000, 0, 1)))).toThrow(ValidationError);
    // @ts-expect-error a caller without types could pass a string for a number
    expect(() => numberLiteral('1 OR 1=1')).toThrow(ValidationError);
  });

  it('accepts only snake_case identifiers', () => {
    expect(quoteLanceIdentifier('last_seen')).toBe('`last_seen`');
    for (const bad of ['a`b', 'Agent', '1x', 'a b', ''])
      expect(() => quoteLanceIdentifier(bad)).toThrow(ValidationError);
  });
});

describe('LanceDB error mapping', () => {
  const cases: [string, unknown, string, unknown][] = [
    ['a commit conflict', new Error('Commit conflict for version 7: retryable'), 'CONFLICT', ConflictError],
    ['an IO failure', new Error('LanceError(IO): No space left on device'), 'STORAGE', StorageError],
    ['a non-Error throw', 'boom', 'STORAGE', StorageError],
  ];
  it.each(cases)('maps %s', (_, error, code, type) => {
    const mapped = lancedbError('upsert', error);
    expect(mapped).toBeInstanceOf(type as typeof StorageError);
    expect(mapped.code).toBe(code);
    expect(mapped.cause).toBe(error);
    expect(mapped.message).toMatch(/^LanceDB upsert failed: /);
  });
  it('passes AlmaErrors through untouched', () => {
    const original = new ValidationError('bad');
    expect(lancedbError('search', original)).toBe(original);
  });
});
