import { storageNameOf, ValidationError } from '@alma/core';
import { defineVectorColumns, kindVectorColumns } from '@alma/vector';
import { describe, expect, it } from 'vitest';

describe('vector columns', () => {
  it("derives a kind's filterable scalar columns from core's field table, text left out", () => {
    const columns = kindVectorColumns('outcome');
    expect(columns.map((column) => `${column.field}:${column.type}:${column.storageName}`)).toEqual([
      'createdAt:instant:created_at',
      'updatedAt:instant:updated_at',
      'agent:key:agent',
      'taskType:key:task_type',
      'success:boolean:success',
      'durationMs:integer:duration_ms',
      'timestamp:instant:timestamp',
      'tenantId:key:tenant_id',
      'workflowId:key:workflow_id',
      'runId:key:run_id',
      'nodeId:key:node_id',
    ]);
    expect(
      kindVectorColumns('outcome', { text: true }).some((column) => column.field === 'taskDescription'),
    ).toBe(true);
  });

  it('refuses reserved, repeated and malformed columns', () => {
    expect(storageNameOf('lastValidated')).toBe('last_validated');
    for (const field of ['id', 'projectId', 'vector', 'zeroVector', 'ref']) {
      expect(() => defineVectorColumns([{ field, type: 'key' }])).toThrow(ValidationError);
    }
    expect(() =>
      defineVectorColumns([
        { field: 'a', type: 'key' },
        { field: 'a', type: 'number' },
      ]),
    ).toThrow(ValidationError);
    expect(() => defineVectorColumns([{ field: 'Bad-name', type: 'key' }])).toThrow(ValidationError);
    // @ts-expect-error json columns do not exist in an index
    expect(() => defineVectorColumns([{ field: 'meta', type: 'json' }])).toThrow(ValidationError);
  });
});
