/** The fields whose edited value differs from the original: the body of a PATCH that changes only them. */
export function changedFields<T extends Record<string, string | number>>(original: T, edited: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const name of Object.keys(edited) as (keyof T)[]) {
    if (edited[name] !== original[name]) patch[name] = edited[name];
  }
  return patch;
}
