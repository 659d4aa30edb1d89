import { KINDS, type Kind, MEMORY_KINDS } from '../model/kinds.js';

/**
 * The layouts encoded records have had (`encodeRecord`), numbered as the export format and the
 * file store's logs number their versions: 1 before the workflow layer, 2 with it.
 */
export const RECORD_LAYOUTS = [1, 2] as const;
export type RecordLayout = (typeof RECORD_LAYOUTS)[number];
export const CURRENT_RECORD_LAYOUT: RecordLayout = 2;

export function isRecordLayout(value: unknown): value is RecordLayout {
  return (RECORD_LAYOUTS as readonly unknown[]).includes(value);
}

/** The fields layout 2 added to the memory kinds; layout-1 records hold none of them. */
const WORKFLOW_SCOPE_FIELDS = ['tenantId', 'workflowId', 'runId', 'nodeId'] as const;
const SCOPED_KINDS: ReadonlySet<Kind> = new Set(['heuristic', 'outcome', 'domainKnowledge', 'antiPattern']);

/** The kinds records of `layout` exist for, in canonical order. */
export function kindsOfLayout(layout: RecordLayout): readonly Kind[] {
  return layout === 1 ? MEMORY_KINDS : KINDS;
}

/**
 * An encoded record of an older layout brought to the current one: what a later layout added takes
 * its default (null for the scope fields), exactly as the stores' own migrations fill it. Fields
 * already present are kept, so a current record passes through unchanged.
 */
export function upgradeEncodedRecord(
  layout: RecordLayout,
  kind: Kind,
  record: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  if (layout >= 2 || !SCOPED_KINDS.has(kind)) return record;
  const upgraded: Record<string, unknown> = { ...record };
  for (const field of WORKFLOW_SCOPE_FIELDS) {
    if (!Object.hasOwn(upgraded, field)) upgraded[field] = null;
  }
  return upgraded;
}
