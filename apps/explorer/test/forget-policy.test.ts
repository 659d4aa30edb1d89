import { describe, expect, it } from 'vitest';
import { EMPTY_FORGET_DRAFT, forgetPolicyOf, samePolicy } from '../src/views/maintenance/forget-policy.js';

describe('forgetPolicyOf', () => {
  it('sends the filled rules as numbers and the agent when given', () => {
    expect(
      forgetPolicyOf({
        ...EMPTY_FORGET_DRAFT,
        outcomesOlderThanDays: ' 90 ',
        heuristicsBelowConfidence: '0.2',
        agent: ' coder ',
      }),
    ).toEqual({ outcomesOlderThanDays: 90, heuristicsBelowConfidence: 0.2, agent: 'coder' });
  });

  it('names no rule for an empty form (the server refuses it)', () => {
    expect(forgetPolicyOf(EMPTY_FORGET_DRAFT)).toEqual({});
  });
});

describe('samePolicy', () => {
  it('compares rule by rule, whatever the order', () => {
    expect(
      samePolicy({ outcomesOlderThanDays: 30, agent: 'a' }, { agent: 'a', outcomesOlderThanDays: 30 }),
    ).toBe(true);
    expect(samePolicy({ outcomesOlderThanDays: 30 }, { outcomesOlderThanDays: 30, agent: 'a' })).toBe(false);
    expect(samePolicy({ outcomesOlderThanDays: 30 }, { outcomesOlderThanDays: 31 })).toBe(false);
  });
});
