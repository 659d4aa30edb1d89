import { MemoryAdapter } from '@alma/core';
import { expectAlmaError } from '@alma/core/testing';
import { Alma, HashingEmbedder, STATE_REDUCERS, stateHash } from '@alma/engine';
import { describe, expect, it } from 'vitest';

const alma = await Alma.open({
  adapter: new MemoryAdapter(),
  embedder: new HashingEmbedder(16),
  config: { projectId: 'p', agents: {} },
});
const merge = (states: Record<string, unknown>[], config?: Record<string, string>) =>
  alma.mergeStates(states, config);

describe('state reducers (the original’s eight)', () => {
  it('names the eight', () => {
    expect([...STATE_REDUCERS].sort()).toEqual(
      ['append', 'first_value', 'last_value', 'max', 'merge_dict', 'min', 'sum', 'union'].sort(),
    );
  });

  it('combines each key by its reducer, last_value by default, over the states that hold it', () => {
    const states = [
      { log: ['a'], n: 2, tags: ['x', 'y'], cfg: { a: 1, b: 1 }, who: 'one', hi: 3, lo: 3, only1: true },
      { log: 'b', n: 5, tags: ['y', { z: 1 }], cfg: { b: 2 }, who: 'two', hi: 9, lo: -1 },
      { log: ['c', 'd'], tags: [{ z: 1 }], who: 'three', hi: 4, lo: 0 },
    ];
    expect(
      merge(states, {
        log: 'append',
        n: 'sum',
        tags: 'union',
        cfg: 'merge_dict',
        who: 'first_value',
        hi: 'max',
        lo: 'min',
      }),
    ).toEqual({
      log: ['a', 'b', 'c', 'd'],
      n: 7,
      tags: ['x', 'y', { z: 1 }],
      cfg: { a: 1, b: 2 },
      who: 'one',
      hi: 9,
      lo: -1,
      only1: true,
    });
    expect(merge(states)).toMatchObject({ who: 'three', n: 5, log: ['c', 'd'] });
    expect(merge([])).toEqual({});
  });

  it('refuses what a reducer cannot combine, and unknown reducers, naming the key', async () => {
    const sum = await expectAlmaError(
      Promise.resolve().then(() => merge([{ n: 1 }, { n: 'x' }], { n: 'sum' })),
      'VALIDATION',
    );
    expect(sum.message).toContain("'n'");
    await expectAlmaError(
      Promise.resolve().then(() => merge([{ c: [1] }], { c: 'merge_dict' })),
      'VALIDATION',
    );
    await expectAlmaError(
      Promise.resolve().then(() => merge([{ a: 1 }], { a: 'average' })),
      'VALIDATION',
    );
    await expectAlmaError(
      Promise.resolve().then(() => merge([[1] as never])),
      'VALIDATION',
    );
  });

  it('hashes a state by its JSON, whatever the order of its keys', () => {
    expect(stateHash({ a: 1, b: { c: [1, 2], d: null } })).toBe(
      stateHash({ b: { d: null, c: [1, 2] }, a: 1 }),
    );
    expect(stateHash({ a: 1 })).not.toBe(stateHash({ a: 2 }));
    expect(stateHash({})).toMatch(/^[0-9a-f]{64}$/);
  });
});
