import { type Filter, KIND_FIELDS, type Kind } from '@alma/core';

/** The narrowing a list or a search accepts: an agent (kinds with agents), a user (preferences). */
export interface ListNarrowing {
  readonly agent?: string | undefined;
  readonly userId?: string | undefined;
}

/** The store filter of a list or search query; narrowing a kind does not have is ignored. */
export function listFilterOf<K extends Kind>(
  kind: K,
  projectId: string,
  narrowing: ListNarrowing,
): Filter<K> {
  const { agent, userId } = narrowing;
  return {
    projectId,
    ...(agent !== undefined && Object.hasOwn(KIND_FIELDS[kind], 'agent') ? { agent } : {}),
    ...(userId !== undefined && kind === 'preference' ? { userId } : {}),
  } as Filter<K>;
}
