import { KINDS, type Kind, MEMORY_KINDS } from '../model/kinds.js';
import type { ExportVersion } from './export-format.js';

/** The fields version 2 added to the memory kinds; version-1 exports hold none of them. */
const WORKFLOW_SCOPE_FIELDS = ['tenantId', 'workflowId', 'runId', 'nodeId'] as const;
const SCOPED_KINDS: ReadonlySet<Kind> = new Set(['heuristic', 'outcome', 'domainKnowledge', 'antiPattern']);

/** The kinds an export of `version` can hold, in the order its lines and summary list them. */
export function kindsOfExportVersion(version: ExportVersion): readonly Kind[] {
  return version === 1 ? MEMORY_KINDS : KINDS;
}

/**
 * A record line of an older export brought to this release's fields: what a later version added
 * takes its default (null for the scope fields), exactly as the stores' own migrations fill it.
 */
export function upgradeExportRecord(
  version: ExportVersion,
  kind: Kind,
  record: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  if (version >= 2 || !SCOPED_KINDS.has(kind)) return record;
  const upgraded: Record<string, unknown> = { ...record };
  for (const field of WORKFLOW_SCOPE_FIELDS) {
    if (!Object.hasOwn(upgraded, field)) upgraded[field] = null;
  }
  return upgraded;
}
