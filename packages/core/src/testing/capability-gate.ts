import { describe, it } from 'vitest';

/** What a backend or an index declares it can do: named flags or values. */
type CapabilityRecord = object;

/** The capabilities a spec needs, each with the value it needs. */
export type CapabilityNeed<C extends CapabilityRecord> = { readonly [K in keyof C]?: C[K] };

type TestBody = () => Promise<void> | void;
type Register = (name: string, body: TestBody, timeout?: number) => void;
type RegisterGroup = (name: string, body: () => void) => void;

/** Why a backend cannot run a spec, e.g. `no textSearch`, or null when it can. */
export function missingCapability<C extends CapabilityRecord>(
  capabilities: C,
  need: CapabilityNeed<C>,
): string | null {
  const reasons = (Object.keys(need) as (keyof C & string)[]).flatMap((name) => {
    const wanted = need[name];
    const actual = capabilities[name];
    if (actual === wanted) return [];
    if (wanted === true) return [`no ${name}`];
    if (wanted === false) return [`has ${name}`];
    return [`${name} ${String(actual)}, not ${String(wanted)}`];
  });
  return reasons.length === 0 ? null : reasons.join(', ');
}

/**
 * `it` for a spec that needs some capabilities. A backend without them skips it, and the skipped
 * test's title says why (`… [no textSearch]`), so a report never hides a gap behind a bare skip.
 */
export function itNeeding<C extends CapabilityRecord>(capabilities: C, need: CapabilityNeed<C>): Register {
  const reason = missingCapability(capabilities, need);
  if (reason === null) return (name, body, timeout) => it(name, body, timeout);
  return (name, body, timeout) => it.skip(`${name} [${reason}]`, body, timeout);
}

/** `describe` for a group of specs that need some capabilities; skipped with the reason in its title. */
export function describeNeeding<C extends CapabilityRecord>(
  capabilities: C,
  need: CapabilityNeed<C>,
): RegisterGroup {
  const reason = missingCapability(capabilities, need);
  if (reason === null) return (name, body) => describe(name, body);
  return (name, body) => describe.skip(`${name} [${reason}]`, body);
}
