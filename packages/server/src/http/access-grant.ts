import { ValidationError } from '@alma/core';
import { forbidden } from './http-errors.js';

/**
 * What one caller may touch: the projects of its API key, or, for a keyless local caller (stdio, or
 * `--insecure-local` on loopback), any project, with a default for calls that name none.
 */
export type AccessGrant =
  | { readonly kind: 'key'; readonly keyId: string; readonly projects: ReadonlySet<string> }
  | { readonly kind: 'local'; readonly defaultProject: string };

/** A short name for logs and rate limits: the key id, never the key. */
export function grantSubject(grant: AccessGrant): string {
  return grant.kind === 'key' ? `key:${grant.keyId}` : 'local';
}

export function grantsProject(grant: AccessGrant, projectId: string): boolean {
  return grant.kind === 'local' || grant.projects.has(projectId);
}

/** Refuses a project the grant does not hold (403). */
export function assertGrantsProject(grant: AccessGrant, projectId: string): void {
  if (!grantsProject(grant, projectId)) throw forbidden(projectId);
}

/**
 * The project of a call that may name one (`project_id`): the named project when granted, else the
 * key's only project, else the local default; a key with several projects must name one.
 */
export function projectOfCall(grant: AccessGrant, requested: string | undefined): string {
  if (requested !== undefined) {
    assertGrantsProject(grant, requested);
    return requested;
  }
  if (grant.kind === 'local') return grant.defaultProject;
  const [only, ...others] = grant.projects;
  if (only === undefined || others.length > 0) {
    throw new ValidationError(
      `this API key grants several projects (${[...grant.projects].join(', ')}): pass project_id`,
    );
  }
  return only;
}

/** The projects a caller can list (resources): the key's, or the local default. */
export function listedProjects(grant: AccessGrant): readonly string[] {
  return grant.kind === 'key' ? [...grant.projects].sort() : [grant.defaultProject];
}
