import { KIND_FIELDS, KINDS } from '@alma/core';
import { describe, expect, it } from 'vitest';

/**
 * DC-12: the original had no foreign keys, so an outcome could point at a heuristic that no longer
 * existed. Here that is answered by the model: a field that names another record is listed below
 * with the engine check that keeps it from dangling when written, and every other `…Id` field is a
 * name the caller owns (a project, a user, a tenant, a workflow run), not a record. Adding a reference
 * that is not listed (say `heuristicId` on outcomes) fails this test until its check comes with it.
 */
const RECORD_REFERENCES: Readonly<Record<string, readonly string[]>> = {
  // alma.linkArtifact refuses a memory that does not exist (engine workflow spec).
  artifactLink: ['memoryId'],
  // alma.checkpoint refuses a parent that is not a checkpoint of the same run (engine workflow spec).
  checkpoint: ['parentCheckpointId'],
  // Written only by consolidation, which archives the record it deletes and names the survivor.
  archivedMemory: ['originalId'],
};
/** Names, not records: nothing they name can dangle. */
const NAME_KEYS = new Set(['projectId', 'userId', 'tenantId', 'workflowId', 'runId', 'nodeId', 'branchId']);

describe('the memory model (DC-12)', () => {
  it('covers every kind', () => {
    expect(Object.keys(KIND_FIELDS).sort()).toEqual([...KINDS].sort());
  });

  it.each(KINDS)('%s refers to no other record by id type: its only id field is its own id', (kind) => {
    const fields = Object.entries(KIND_FIELDS[kind]);
    expect(fields.length).toBeGreaterThan(0);
    const idFields = fields.filter(([, spec]) => spec.type === 'id').map(([name]) => name);
    expect(idFields).toEqual(['id']);
  });

  it.each(KINDS)('%s names other records only where a check keeps the reference from dangling', (kind) => {
    const fields = KIND_FIELDS[kind] as Readonly<Record<string, { readonly type: string }>>;
    const referenceLike = Object.keys(fields).filter((name) => /Ids?$/.test(name));
    const references = referenceLike.filter((name) => !NAME_KEYS.has(name));
    expect(references).toEqual(RECORD_REFERENCES[kind] ?? []);
    for (const name of referenceLike) expect(fields[name]?.type).toBe('key');
    expect(referenceLike).toContain('projectId');
  });
});
