import { KIND_FIELDS, KINDS } from '@alma/core';
import { describe, expect, it } from 'vitest';

/**
 * DC-12: the original had no foreign keys, so an outcome could point at a heuristic that no longer
 * existed. Here that is answered by the model, not by constraints: no kind holds a reference to
 * another record. Adding one (say `heuristicId: field.id()` on outcomes) must fail this test until
 * integrity checks come with it.
 */
describe('the memory model (DC-12)', () => {
  it('covers every kind', () => {
    expect(Object.keys(KIND_FIELDS).sort()).toEqual([...KINDS].sort());
  });

  it.each(KINDS)('%s refers to no other record: its only id field is its own id', (kind) => {
    const fields = Object.entries(KIND_FIELDS[kind]);
    expect(fields.length).toBeGreaterThan(0);
    const idFields = fields.filter(([, spec]) => spec.type === 'id').map(([name]) => name);
    expect(idFields).toEqual(['id']);
  });

  it.each(KINDS)(
    '%s has no field named like a reference but projectId and userId, both plain keys',
    (kind) => {
      const fields = KIND_FIELDS[kind] as Readonly<Record<string, { readonly type: string }>>;
      const referenceLike = Object.keys(fields).filter((name) => /Ids?$/.test(name));
      expect(referenceLike.filter((name) => name !== 'projectId' && name !== 'userId')).toEqual([]);
      // The two allowed names are keys (free text), not record ids: nothing they name can dangle.
      for (const name of referenceLike) expect(fields[name]?.type).toBe('key');
      expect(referenceLike).toContain('projectId');
    },
  );
});
