import { describe, expect, it } from 'vitest';
import { isUuid } from '../../ids/uuid-v7.js';
import { KINDS } from '../../model/kinds.js';
import { OTHER_PROJECT, PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

export function putSpec(context: SpecContext): void {
  describe('put', () => {
    it.each(KINDS)('stores a %s and returns the canonical record that get returns', async (kind) => {
      const { store, clock } = await context.open();
      const record = await store.kind(kind).put(sampleInput(kind));
      expect(isUuid(record.id)).toBe(true);
      expect(record.createdAt).toEqual(clock.now());
      expect(record.updatedAt).toEqual(clock.now());
      expect(await store.kind(kind).get(record)).toEqual(record);
    });

    it('generates time-ordered ids', async () => {
      const { store } = await context.open();
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push((await store.heuristics.put(sampleInput('heuristic'))).id);
      expect([...ids].sort()).toEqual(ids);
    });

    it('upserts by id: a second put replaces, never duplicates (DC-9)', async () => {
      const { store } = await context.open();
      const first = await store.heuristics.put(sampleInput('heuristic', { strategy: 'first' }));
      await store.heuristics.put(sampleInput('heuristic', { id: first.id, strategy: 'second' }));
      await store.heuristics.put(sampleInput('heuristic', { id: first.id, strategy: 'third' }));
      expect(await store.heuristics.count({ projectId: PROJECT })).toBe(1);
      expect((await store.heuristics.get(first))?.strategy).toBe('third');
    });

    it('keeps the same id in two projects as two records', async () => {
      const { store } = await context.open();
      const a = await store.outcomes.put(sampleInput('outcome', { taskDescription: 'in a' }));
      await store.outcomes.put(
        sampleInput('outcome', { id: a.id, projectId: OTHER_PROJECT, taskDescription: 'in b' }),
      );
      expect((await store.outcomes.get(a))?.taskDescription).toBe('in a');
      expect((await store.outcomes.get({ projectId: OTHER_PROJECT, id: a.id }))?.taskDescription).toBe(
        'in b',
      );
    });

    it('applies the same defaults on every backend (DC-10)', async () => {
      const { store, clock } = await context.open();
      const now = clock.now();
      const heuristic = await store.heuristics.put(sampleInput('heuristic'));
      expect(heuristic).toMatchObject({
        confidence: 0,
        occurrenceCount: 0,
        successCount: 0,
        lastValidated: now,
      });
      expect(heuristic).toMatchObject({ metadata: {}, embedding: null });
      const outcome = await store.outcomes.put(sampleInput('outcome'));
      expect(outcome).toMatchObject({
        durationMs: null,
        errorMessage: null,
        userFeedback: null,
        timestamp: now,
      });
      expect((await store.preferences.put(sampleInput('preference'))).confidence).toBe(1);
      const knowledge = await store.domainKnowledge.put(sampleInput('domainKnowledge'));
      expect(knowledge).toMatchObject({ confidence: 1, lastVerified: now });
      expect(await store.antiPatterns.put(sampleInput('antiPattern'))).toMatchObject({
        occurrenceCount: 0,
        lastSeen: now,
      });
      expect(heuristic).toMatchObject({ tenantId: null, workflowId: null, runId: null, nodeId: null });
      expect(await store.kind('checkpoint').put(sampleInput('checkpoint'))).toMatchObject({
        branchId: null,
        parentCheckpointId: null,
      });
      expect(await store.kind('workflowOutcome').put(sampleInput('workflowOutcome'))).toMatchObject({
        tenantId: null,
        strategiesUsed: [],
        successfulPatterns: [],
        failedPatterns: [],
        durationSeconds: null,
        nodeCount: null,
        errorMessage: null,
        timestamp: now,
      });
      expect(await store.kind('artifactLink').put(sampleInput('artifactLink'))).toMatchObject({
        filename: null,
        mimeType: null,
        sizeBytes: null,
        checksum: null,
      });
      expect(await store.kind('archivedMemory').put(sampleInput('archivedMemory'))).toMatchObject({
        mergedInto: null,
        archivedAt: now,
      });
      for (const kind of KINDS) {
        const [stored] = (await store.kind(kind).find({ where: { projectId: PROJECT } })).items;
        expect(stored?.metadata).toEqual({});
        expect(stored?.embedding).toBeNull();
      }
    });
  });

  describe('round trip of canonical values (DC-1..DC-4)', () => {
    it('keeps timestamps as UTC instants at millisecond precision, whatever offset they came with', async () => {
      const { store } = await context.open();
      const saved = await store.outcomes.put(
        sampleInput('outcome', {
          timestamp: '2026-03-01T12:34:56.789+02:00',
          createdAt: new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 1)),
          updatedAt: '2026-03-01T00:00:00.5Z',
        }),
      );
      const read = await store.outcomes.get(saved);
      expect(read?.timestamp).toBeInstanceOf(Date);
      expect(read?.timestamp.toISOString()).toBe('2026-03-01T10:34:56.789Z');
      expect(read?.createdAt.toISOString()).toBe('1999-12-31T23:59:59.001Z');
      expect(read?.updatedAt.toISOString()).toBe('2026-03-01T00:00:00.500Z');
    });

    it('keeps booleans as booleans', async () => {
      const { store } = await context.open();
      const failed = await store.outcomes.put(sampleInput('outcome', { success: false }));
      const passed = await store.outcomes.put(sampleInput('outcome', { success: true }));
      expect((await store.outcomes.get(failed))?.success).toBe(false);
      expect((await store.outcomes.get(passed))?.success).toBe(true);
    });

    it('keeps metadata as the same JSON object', async () => {
      const { store } = await context.open();
      const metadata = {
        text: 'naïve café ✓ "quoted" \\ back',
        int: 42,
        float: 0.1 + 0.2,
        negative: -1e-7,
        yes: true,
        no: false,
        nothing: null,
        list: [1, 'two', { three: [3] }],
        nested: { deep: { deeper: { key: 'value' } } },
      };
      const saved = await store.domainKnowledge.put(sampleInput('domainKnowledge', { metadata }));
      expect((await store.domainKnowledge.get(saved))?.metadata).toEqual(metadata);
    });

    it('keeps embeddings as the same float32 values', async () => {
      const { store } = await context.open();
      // Extremes of float32 precision within a rankable length (MAX_VECTOR_NORM): a tiny component
      // beside large ones, values float32 must round.
      const embedding = [0.1, -0.2, 1e-30, 3.4e14, -3.4e14, 1 / 3, 0, 123456.789];
      const saved = await store.heuristics.put(sampleInput('heuristic', { embedding }));
      const read = await store.heuristics.get(saved);
      expect(read?.embedding).toBeInstanceOf(Float32Array);
      expect(Array.from(read?.embedding ?? [])).toEqual(Array.from(Float32Array.from(embedding)));
    });

    it('hands out copies: mutating a returned record changes nothing stored', async () => {
      const { store } = await context.open();
      const saved = await store.heuristics.put(
        sampleInput('heuristic', { metadata: { a: 1 }, embedding: [1, 0, 0, 0, 0, 0, 0, 0] }),
      );
      const read = await store.heuristics.get(saved);
      for (const record of [saved, read!]) {
        (record.metadata as Record<string, unknown>).a = 2;
        record.embedding![0] = 9;
      }
      const again = await store.heuristics.get(saved);
      expect(again?.metadata).toEqual({ a: 1 });
      expect(again?.embedding?.[0]).toBe(1);
    });
  });
}
