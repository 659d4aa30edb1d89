import { ScopeViolationError, ValidationError } from '@alma/core';
import { forbidden } from './http-errors.js';

/**
 * What one caller may touch: the projects of its API key (with the key's default project, if it
 * has one), or, for a keyless local caller (stdio, or `--insecure-local` on loopback), any project,
 * with a default for calls that name none.
 */
export type AccessGrant =
  | {
      readonly kind: 'key';
      readonly keyId: string;
      readonly projects: ReadonlySet<string>;
      /** One of `projects`; the key file guarantees it. */
      readonly defaultProject?: string;
      /** An admin key (`alma keys create --admin`); absent for the others. */
      readonly admin?: true;
    }
  | { readonly kind: 'local'; readonly defaultProject: string };

/** A short name for logs and rate limits: the key id, never the key. */
export function grantSubject(grant: AccessGrant): string {
  return grant.kind === 'key' ? `key:${grant.keyId}` : 'local';
}

export function grantsProject(grant: AccessGrant, projectId: string): boolean {
  return grant.kind === 'local' || grant.projects.has(projectId);
}

/**
 * Refuses (SCOPE_VIOLATION, 403) to read every agent's memories of a project (retrieval scope
 * `global`) unless the caller is the keyless local operator or holds an admin key; other keys read
 * within agent scopes.
 */
export function assertMayReadEveryAgent(grant: AccessGrant): void {
  if (grant.kind === 'local' || grant.admin === true) return;
  throw new ScopeViolationError(
    "scope 'global' reads every agent's memories; it is open to admin keys and the local operator only",
    { details: { scope: 'global', rule: 'global' } },
  );
}

/** Refuses a project the grant does not hold (403). */
export function assertGrantsProject(grant: AccessGrant, projectId: string): void {
  if (!grantsProject(grant, projectId)) throw forbidden(projectId);
}

/**
 * The project of a call that may name one (`project_id`): the named project when granted, else the
 * key's default project, else the key's only project, else the local default. A key with several
 * projects and no default must name one: clients that cannot (the original SDK) need a default.
 */
export function projectOfCall(grant: AccessGrant, requested: string | undefined): string {
  if (requested !== undefined) {
    assertGrantsProject(grant, requested);
    return requested;
  }
  if (grant.kind === 'local') return grant.defaultProject;
  if (grant.defaultProject !== undefined) return grant.defaultProject;
  const [only, ...others] = grant.projects;
  if (only === undefined || others.length > 0) {
    throw new ValidationError(
      `this API key grants several projects (${[...grant.projects].join(', ')}) and has no default project: pass project_id, or create the key with --default-project`,
    );
  }
  return only;
}

/**
 * The projects a caller can list: the key's, sorted; for the local operator, `held` (the projects the
 * store holds, in code-unit order) with the default once, after them while it holds nothing, so that
 * a client opening the first listed opens one with memories. Without `held` (MCP resources), the
 * local operator lists its default only.
 * @example listedProjects(localGrant, ['Zeta', 'quickstart']) // ['Zeta', 'quickstart', 'default']
 */
export function listedProjects(grant: AccessGrant, held: readonly string[] = []): readonly string[] {
  if (grant.kind === 'key') return [...grant.projects].sort();
  return held.includes(grant.defaultProject) ? held : [...held, grant.defaultProject];
}
