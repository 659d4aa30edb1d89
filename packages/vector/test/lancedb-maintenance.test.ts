import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIND_STORAGE_NAMES, ValidationError } from '@alma/core';
import { defineVectorColumns, LanceDbVectorDatabase, lancedbSettings, MIN_ANN_ROWS } from '@alma/vector';
import { PROJECT, sampleRows, TEST_COLUMNS, where } from '@alma/vector/testing';
import { afterEach, describe, expect, it } from 'vitest';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(settings = {}) {
  const directory = await mkdtemp(join(tmpdir(), 'alma-lancedb-maint-'));
  const db = await LanceDbVectorDatabase.open(directory, settings);
  cleanups.push(async () => {
    db.close();
    await rm(directory, { recursive: true, force: true });
  });
  return db;
}

describe('LanceDB maintenance', () => {
  it('keeps one table per kind, named as every backend names it', async () => {
    const db = await database();
    const heuristics = await db.openKindIndex('heuristic', 8);
    await db.openKindIndex('outcome', 8);
    expect((await db.tables()).sort()).toEqual(
      [KIND_STORAGE_NAMES.heuristic, KIND_STORAGE_NAMES.outcome].sort(),
    );
    expect(heuristics.columns.map((column) => column.field)).toContain('confidence');
    await heuristics.close();
    await db.drop(KIND_STORAGE_NAMES.outcome);
    expect(await db.tables()).toEqual([KIND_STORAGE_NAMES.heuristic]);
  });

  it('refuses a table of another layout, or replaces it with an empty one when its owner refills it', async () => {
    const db = await database();
    const older = defineVectorColumns([{ field: 'agent', type: 'key' }]);
    const newer = defineVectorColumns([
      { field: 'agent', type: 'key' },
      { field: 'runId', type: 'key' },
    ]);
    const first = await db.openIndex({ table: 'layout', dimension: 4, columns: older });
    await first.upsert([
      {
        projectId: PROJECT,
        id: '01900000-0000-7000-8000-000000000001',
        vector: Float32Array.of(1, 0, 0, 0),
        fields: { agent: 'a' },
      },
    ]);
    await first.close();
    expect(await db.hasCurrentLayout({ table: 'layout', dimension: 4, columns: older })).toBe(true);
    expect(await db.hasCurrentLayout({ table: 'layout', dimension: 4, columns: newer })).toBe(false);
    await expect(db.openIndex({ table: 'layout', dimension: 4, columns: newer })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const replaced = await db.openIndex({
      table: 'layout',
      dimension: 4,
      columns: newer,
      replaceOtherLayout: true,
    });
    expect(await replaced.count()).toBe(0);
    expect(await db.hasCurrentLayout({ table: 'layout', dimension: 4, columns: newer })).toBe(true);
    await replaced.close();
  });

  it('builds the ANN index in optimize() once the table reaches the threshold, not before', async () => {
    const db = await database({ annThreshold: 400, optimizeEvery: 0 });
    const index = await db.openIndex({ table: 'threshold', dimension: 16, columns: TEST_COLUMNS });
    await index.upsert(sampleRows(399, 1));
    expect((await index.optimize()).ann).toBe('none');
    await index.upsert(sampleRows(1, 2, { idPrefix: 'last' }));
    const built = await index.optimize();
    expect(built).toEqual({ rows: 400, ann: 'hnsw-sq', unindexedRows: 0 });
    await index.upsert(sampleRows(5, 3, { idPrefix: 'late' }));
    expect((await index.status()).unindexedRows).toBe(5);
    expect((await index.optimize()).unindexedRows).toBe(0);
    await index.close();
  });

  it('runs optimize by itself every `optimizeEvery` writes', async () => {
    const db = await database({ annThreshold: 300, optimizeEvery: 3 });
    const index = await db.openIndex({ table: 'auto', dimension: 16, columns: TEST_COLUMNS });
    await index.upsert(sampleRows(150, 4, { idPrefix: 'a' }));
    await index.upsert(sampleRows(150, 5, { idPrefix: 'b' }));
    expect((await index.status()).ann).toBe('none');
    await index.delete([{ projectId: PROJECT, id: 'a-00000' }]);
    expect(await index.status()).toMatchObject({ rows: 299, ann: 'none' });
    await index.upsert(sampleRows(10, 6, { idPrefix: 'c' }));
    await index.upsert(sampleRows(1, 7, { idPrefix: 'd' }));
    await index.upsert(sampleRows(1, 8, { idPrefix: 'e' }));
    expect(await index.status()).toMatchObject({ rows: 311, ann: 'hnsw-sq' });
    expect(await index.count(where(PROJECT))).toBe(311);
    await index.close();
  });

  it('does not train an ANN index on fewer rows than its quantisers need', async () => {
    const db = await database({ optimizeEvery: 0 });
    const index = await db.openIndex({ table: 'tiny', dimension: 16, columns: TEST_COLUMNS });
    await index.upsert(sampleRows(MIN_ANN_ROWS - 1, 9));
    expect((await index.buildIndex()).ann).toBe('none');
    await index.close();
  });

  it('validates settings once, with defaults filled in', () => {
    expect(lancedbSettings().ann).toMatchObject({ type: 'hnsw-sq', ef: 100, refineFactor: 2 });
    expect(lancedbSettings({ ann: { type: 'ivf-pq' } }).ann).toMatchObject({
      type: 'ivf-pq',
      nprobes: 20,
      refineFactor: 10,
    });
    expect(lancedbSettings({ annThreshold: Number.POSITIVE_INFINITY }).annThreshold).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(() => lancedbSettings({ overfetch: -1 })).toThrow(ValidationError);
    expect(() => lancedbSettings({ ann: { ef: -1 } })).toThrow(ValidationError);
    expect(lancedbSettings({ ann: { ef: 0 } }).ann).toMatchObject({ ef: 0 });
    expect(Object.isFrozen(lancedbSettings())).toBe(true);
  });
});
