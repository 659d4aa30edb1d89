import { describe, expect, it } from 'vitest';
import { changedFields } from '../src/views/record/changed-fields.js';

describe('changedFields', () => {
  const original = { condition: 'tests fail', strategy: 'rerun once', confidence: 0.5 };

  it('keeps only the fields that differ', () => {
    expect(changedFields(original, { ...original, strategy: 'read the log', confidence: 0.7 })).toEqual({
      strategy: 'read the log',
      confidence: 0.7,
    });
  });

  it('is empty when nothing changed', () => {
    expect(changedFields(original, { ...original })).toEqual({});
  });
});
