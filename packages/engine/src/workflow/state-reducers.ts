import { ValidationError } from '@alma/core';

/** How the values of one key from parallel branches combine, as the original names them. */
export const STATE_REDUCERS = [
  'append',
  'merge_dict',
  'last_value',
  'first_value',
  'sum',
  'max',
  'min',
  'union',
] as const;
export type StateReducer = (typeof STATE_REDUCERS)[number];

type State = Readonly<Record<string, unknown>>;

/**
 * Merges the states of parallel branches, in the order given. Each key's values (from the states
 * that hold it) combine by its reducer in `reducerConfig`, else `last_value`. Values a reducer cannot
 * combine (`sum` of text, `merge_dict` of a list) are a ValidationError naming the key, not a guess.
 */
export function mergeStates(
  states: readonly State[],
  reducerConfig: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  if (!Array.isArray(states)) throw new ValidationError('states must be an array of objects');
  states.forEach((state, index) => {
    if (!isObject(state)) throw new ValidationError(`states[${index}] must be an object`);
  });
  for (const [key, reducer] of Object.entries(reducerConfig)) {
    if (!(STATE_REDUCERS as readonly string[]).includes(reducer)) {
      throw new ValidationError(`reducer for '${key}' must be one of ${STATE_REDUCERS.join(', ')}`, {
        details: { key, reducer },
      });
    }
  }
  const keys = [...new Set(states.flatMap((state) => Object.keys(state)))];
  const merged: Record<string, unknown> = {};
  for (const key of keys) {
    const values = states.filter((state) => Object.hasOwn(state, key)).map((state) => state[key]);
    const reducer = (Object.hasOwn(reducerConfig, key) ? reducerConfig[key] : 'last_value') as StateReducer;
    merged[key] = reduce(key, reducer, values);
  }
  return merged;
}

function reduce(key: string, reducer: StateReducer, values: readonly unknown[]): unknown {
  switch (reducer) {
    case 'last_value':
      return values.at(-1);
    case 'first_value':
      return values[0];
    case 'append':
      // Lists are concatenated; a single value is appended as one item.
      return values.flatMap((value) => (Array.isArray(value) ? value : [value]));
    case 'union': {
      const seen = new Set<string>();
      const items: unknown[] = [];
      for (const item of values.flatMap((value) => (Array.isArray(value) ? value : [value]))) {
        const identity = JSON.stringify(item);
        if (!seen.has(identity)) {
          seen.add(identity);
          items.push(item);
        }
      }
      return items;
    }
    case 'merge_dict':
      return Object.assign({}, ...values.map((value) => objectOf(key, value)));
    case 'sum':
      return numbersOf(key, reducer, values).reduce((total, value) => total + value, 0);
    case 'max':
      return Math.max(...numbersOf(key, reducer, values));
    case 'min':
      return Math.min(...numbersOf(key, reducer, values));
  }
}

function numbersOf(key: string, reducer: StateReducer, values: readonly unknown[]): number[] {
  return values.map((value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ValidationError(
        `'${key}' has a value that is not a number, which ${reducer} cannot combine`,
        {
          details: { key, reducer },
        },
      );
    }
    return value;
  });
}

function objectOf(key: string, value: unknown): Record<string, unknown> {
  if (!isObject(value)) {
    throw new ValidationError(`'${key}' has a value that is not an object, which merge_dict cannot combine`, {
      details: { key, reducer: 'merge_dict' },
    });
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
