import type { Kind, StoreAdapter } from '@alma/core';

/** Where a simulated crash stops a learn: before its outcome is written, or just after. */
export type CrashPoint = 'beforeOutcome' | 'afterOutcome';

export interface CrashingAdapter {
  readonly adapter: StoreAdapter;
  /** The next learn stops at this point, as if its process were killed there. */
  arm(point: CrashPoint): void;
}

/**
 * The adapter with a kill switch: armed, it fails the next write at the chosen point of a learn
 * (the outcome's write, or the first lesson write after it), so that tests can stop a learn
 * midway on a real backend and then check what the next learn makes of it.
 */
export function crashingAdapter(inner: StoreAdapter): CrashingAdapter {
  let armed: CrashPoint | null = null;
  let outcomeWritten = false;
  const crash = () => {
    armed = null;
    outcomeWritten = false;
    throw new Error('simulated crash: the process was killed here');
  };
  const adapter = new Proxy(inner, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'put' || property === 'putMany') {
        return async (kind: Kind, ...rest: unknown[]) => {
          if (armed === 'beforeOutcome' && kind === 'outcome') crash();
          const result = await method.call(target, kind, ...rest);
          if (armed === 'afterOutcome' && kind === 'outcome') outcomeWritten = true;
          return result;
        };
      }
      if (property === 'patch') {
        return async (kind: Kind, ...rest: unknown[]) => {
          if (armed === 'afterOutcome' && outcomeWritten && kind !== 'outcome') crash();
          return method.call(target, kind, ...rest);
        };
      }
      return method.bind(target);
    },
  });
  return {
    adapter,
    arm(point) {
      armed = point;
      outcomeWritten = false;
    },
  };
}
