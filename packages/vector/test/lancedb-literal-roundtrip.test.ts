import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineVectorColumns, LanceDbVectorDatabase } from '@alma/vector';
import { PROJECT } from '@alma/vector/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Each value is stored in its own row; an equality filter on it must find exactly that row in
// real LanceDB. That proves the literal stands for the very value the column holds.
const NUMBERS = [0, 1e-7, -3.5, 0.1 + 0.2, 1e21, -1e-300, 5e-324, 1.7976931348623157e308, 2 ** 53 - 1];
const INSTANTS = [
  '0001-01-01T00:00:00.000Z',
  '1969-12-31T23:59:59.999Z',
  '2026-03-01T12:00:00.001Z',
  '9999-12-31T23:59:59.999Z',
];
const columns = defineVectorColumns([
  { field: 'value', type: 'number' },
  { field: 'at', type: 'instant' },
]);

let directory: string;
let database: LanceDbVectorDatabase;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'alma-lancedb-literal-'));
  database = await LanceDbVectorDatabase.open(directory);
});
afterAll(async () => {
  database.close();
  await rm(directory, { recursive: true, force: true });
});

describe('LanceDB literals against real LanceDB', () => {
  it('finds each number and instant by equality, and orders them by range', async () => {
    const index = await database.openIndex({ table: 'literals', dimension: 2, columns });
    const rows = [
      ...NUMBERS.map((value, i) => ({
        projectId: PROJECT,
        id: `n${i}`,
        vector: Float32Array.from([1, i]),
        fields: { value },
      })),
      ...INSTANTS.map((at, i) => ({
        projectId: PROJECT,
        id: `t${i}`,
        vector: Float32Array.from([i, 1]),
        fields: { at: new Date(at) },
      })),
    ];
    await index.upsert(rows);
    const ids = async (clause: Parameters<typeof index.count>[0] extends infer F ? F : never) =>
      (await index.search({ vector: Float32Array.from([1, 1]), k: 100, filter: clause! }))
        .map((hit) => hit.id)
        .sort();
    for (const [i, value] of NUMBERS.entries()) {
      const filter = {
        projectId: PROJECT,
        clauses: [{ kind: 'eq', field: 'value', type: 'number', value } as const],
      };
      expect(await ids(filter), String(value)).toEqual([`n${i}`]);
    }
    for (const [i, at] of INSTANTS.entries()) {
      const filter = {
        projectId: PROJECT,
        clauses: [{ kind: 'eq', field: 'at', type: 'instant', value: new Date(at) } as const],
      };
      expect(await ids(filter), at).toEqual([`t${i}`]);
    }
    const before1970 = {
      projectId: PROJECT,
      clauses: [{ kind: 'lt', field: 'at', type: 'instant', value: new Date(0) } as const],
    };
    expect(await ids(before1970)).toEqual(['t0', 't1']);
    const negative = {
      projectId: PROJECT,
      clauses: [{ kind: 'lt', field: 'value', type: 'number', value: -0 } as const],
    };
    expect(await ids(negative)).toEqual(['n2', 'n5']);
    await index.close();
  });
});
