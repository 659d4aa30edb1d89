import { describe, expect, it } from 'vitest';
import { chooseProject } from '../src/session/project-choice.js';

describe('chooseProject', () => {
  it('stays on the remembered project while it is listed, else takes the first', () => {
    expect(chooseProject(['a', 'b'], 'b')).toBe('b');
    expect(chooseProject(['a', 'b'], 'gone')).toBe('a');
    expect(chooseProject(['a', 'b'], null)).toBe('a');
    expect(chooseProject([], 'a')).toBeNull();
  });
});
