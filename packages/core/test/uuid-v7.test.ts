import { isUuid, uuidv7 } from '@alma/core';
import { describe, expect, it } from 'vitest';

describe('uuidv7', () => {
  it('makes canonical version-7 UUIDs carrying the millisecond timestamp', () => {
    const now = Date.parse('2026-11-26T12:00:00.123Z');
    const id = uuidv7(now);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('stays strictly increasing within one millisecond and when the clock steps back', () => {
    const now = Date.now();
    const ids = [...Array.from({ length: 5000 }, () => uuidv7(now)), uuidv7(now - 10_000)];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('recognises only canonical lowercase UUIDs', () => {
    expect(isUuid('01890a5d-ac96-774b-bcce-b302099a8057')).toBe(true);
    expect(isUuid('01890A5D-AC96-774B-BCCE-B302099A8057')).toBe(false);
    expect(isUuid('01890a5d-ac96-774b-bcce-b302099a805')).toBe(false);
    expect(isUuid("' OR 1=1 --")).toBe(false);
  });
});
