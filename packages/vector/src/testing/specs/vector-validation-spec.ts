import { describe, expect, it } from 'vitest';
import { MAX_VECTOR_K } from '../../vector-input.js';
import { expectVectorError } from '../vector-assertions.js';
import { PROJECT, sampleRows, TEST_VECTOR_DIMENSION, where } from '../vector-fixtures.js';
import type { VectorSpecContext } from '../vector-spec-context.js';

export function vectorValidationSpec(context: VectorSpecContext): void {
  describe('validation', () => {
    it('refuses vectors of another dimension, and NaN or Infinity', async () => {
      const { index } = await context.open();
      const [row] = sampleRows(1, 100);
      await expectVectorError(index.upsert([{ ...row!, vector: new Float32Array(3) }]), 'DIMENSION_MISMATCH');
      await expectVectorError(
        index.search({ vector: new Float32Array(TEST_VECTOR_DIMENSION + 1), k: 1, filter: where(PROJECT) }),
        'DIMENSION_MISMATCH',
      );
      const poisoned = Float32Array.from(row!.vector);
      poisoned[3] = Number.NaN;
      await expectVectorError(index.upsert([{ ...row!, vector: poisoned }]), 'VALIDATION');
      await expectVectorError(index.search({ vector: poisoned, k: 1, filter: where(PROJECT) }), 'VALIDATION');
      poisoned[3] = Number.POSITIVE_INFINITY;
      await expectVectorError(index.upsert([{ ...row!, vector: poisoned }]), 'VALIDATION');
    });

    it('refuses bad k, refs and columns, and writes nothing from a batch it refuses', async () => {
      const { index } = await context.open();
      const rows = sampleRows(3, 101);
      const vector = rows[0]!.vector;
      for (const k of [0, -1, 1.5, MAX_VECTOR_K + 1]) {
        await expectVectorError(index.search({ vector, k, filter: where(PROJECT) }), 'VALIDATION');
      }
      const bad = [
        { ...rows[2]!, projectId: "p' OR 1=1" },
        { ...rows[2]!, id: '' },
        { ...rows[2]!, fields: { strategy: 'not a column' } },
        { ...rows[2]!, fields: { agent: 5 } },
        { ...rows[2]!, fields: { confidence: Number.NaN } },
        { ...rows[2]!, fields: { lastSeen: new Date('invalid') } },
        { ...rows[2]!, fields: { verified: 'yes' } },
        { ...rows[2]!, fields: { note: 'nul \u0000 inside' } },
      ];
      for (const row of bad) {
        await expectVectorError(index.upsert([rows[0]!, row]), 'VALIDATION');
      }
      expect(await index.count()).toBe(0);
      await expectVectorError(index.search({ vector, k: 1, filter: where('') }), 'VALIDATION');
    });
  });
}
