import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../errors/alma-error.js';
import { KINDS } from '../../model/kinds.js';
import {
  MAX_KEY_LENGTH,
  MAX_METADATA_BYTES,
  MAX_METADATA_DEPTH,
  MAX_TEXT_LENGTH,
} from '../../model/limits.js';
import { expectAlmaError } from '../expect-error.js';
import { PROJECT, sampleInput } from '../fixtures.js';
import type { SpecContext } from '../spec-context.js';

/** Every way a heuristic can be malformed, with the error it must give. */
const BAD_HEURISTICS: readonly [string, Record<string, unknown>, ErrorCode][] = [
  ['an embedding of the wrong dimension', { embedding: [1, 2, 3] }, 'DIMENSION_MISMATCH'],
  ['NaN in the embedding', { embedding: [Number.NaN, 0, 0, 0, 0, 0, 0, 0] }, 'VALIDATION'],
  [
    'Infinity in the embedding',
    { embedding: Float32Array.from([Number.POSITIVE_INFINITY, 0, 0, 0, 0, 0, 0, 0]) },
    'VALIDATION',
  ],
  ['a value beyond float32 range', { embedding: [1e39, 0, 0, 0, 0, 0, 0, 0] }, 'VALIDATION'],
  ['an embedding too long to rank alike', { embedding: [1e20, 1e20, 0, 0, 0, 0, 0, 0] }, 'VALIDATION'],
  ['an embedding too short to rank alike', { embedding: [1e-21, 1e-21, 0, 0, 0, 0, 0, 0] }, 'VALIDATION'],
  ['an empty embedding', { embedding: [] }, 'VALIDATION'],
  ['oversized text', { strategy: 'x'.repeat(MAX_TEXT_LENGTH + 1) }, 'VALIDATION'],
  ['an oversized key', { agent: 'a'.repeat(MAX_KEY_LENGTH + 1) }, 'VALIDATION'],
  ['an empty key', { agent: '' }, 'VALIDATION'],
  ['a NUL character', { condition: 'a\u0000b' }, 'VALIDATION'],
  ['an unknown field', { colour: 'blue' }, 'VALIDATION'],
  ['a bad id', { id: 'not-a-uuid' }, 'VALIDATION'],
  ['an empty projectId', { projectId: '' }, 'VALIDATION'],
  ['a projectId with a slash', { projectId: 'a/b' }, 'VALIDATION'],
  ['confidence above 1', { confidence: 1.5 }, 'VALIDATION'],
  ['NaN confidence', { confidence: Number.NaN }, 'VALIDATION'],
  ['a negative counter', { occurrenceCount: -1 }, 'VALIDATION'],
  ['a fractional counter', { successCount: 1.5 }, 'VALIDATION'],
  ['metadata that is an array', { metadata: [1, 2] }, 'VALIDATION'],
  ['metadata that is not JSON', { metadata: { when: new Date() } }, 'VALIDATION'],
  ['metadata with NaN', { metadata: { x: Number.NaN } }, 'VALIDATION'],
  ['oversized metadata', { metadata: { blob: 'x'.repeat(MAX_METADATA_BYTES) } }, 'VALIDATION'],
  ['an unparseable date', { lastValidated: 'yesterday' }, 'VALIDATION'],
  ['a date without a time zone', { lastValidated: '2026-01-01T00:00:00' }, 'VALIDATION'],
  ['an invalid Date', { lastValidated: new Date(Number.NaN) }, 'VALIDATION'],
  ['a date past year 9999', { lastValidated: new Date(Date.UTC(10000, 0, 1)) }, 'VALIDATION'],
  ['a string for a number', { confidence: '0.5' }, 'VALIDATION'],
  ['a missing required field', { strategy: undefined }, 'VALIDATION'],
  ['a lone high surrogate in text', { condition: 'x\ud800y' }, 'VALIDATION'],
  ['a lone low surrogate in a key', { agent: 'agent\udc00' }, 'VALIDATION'],
  ['a lone surrogate in a metadata value', { metadata: { note: 'x\ud800' } }, 'VALIDATION'],
  ['a lone surrogate in a metadata key', { metadata: { ['k\udc00']: 1 } }, 'VALIDATION'],
  ['metadata nested past the limit', { metadata: nested(MAX_METADATA_DEPTH + 1) }, 'VALIDATION'],
  ['metadata nested 5,000 levels', { metadata: nested(5_000) }, 'VALIDATION'],
];

/** An object of `levels` nested objects: `{ a: { a: … { a: 1 } } }`. */
function nested(levels: number): Record<string, unknown> {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value as Record<string, unknown>;
}

export function validationSpec(context: SpecContext): void {
  describe('bad input gives the documented typed error and writes nothing', () => {
    it.each(BAD_HEURISTICS)('put with %s', async (_label, overrides, code) => {
      const { store } = await context.open();
      await expectAlmaError(store.heuristics.put(sampleInput('heuristic', overrides as never)), code);
      await expectAlmaError(
        store.heuristics.putMany([sampleInput('heuristic'), sampleInput('heuristic', overrides as never)]),
        code,
      );
      expect(await store.heuristics.count({ projectId: PROJECT })).toBe(0);
    });

    it.each(KINDS)('a %s that is not an object', async (kind) => {
      const { store } = await context.open();
      for (const junk of [null, 42, 'text', []])
        await expectAlmaError(store.kind(kind).put(junk as never), 'VALIDATION');
      expect(await store.kind(kind).count({ projectId: PROJECT })).toBe(0);
    });

    it('a non-boolean success on an outcome', async () => {
      const { store } = await context.open();
      await expectAlmaError(
        store.outcomes.put(sampleInput('outcome', { success: 1 as never })),
        'VALIDATION',
      );
      await expectAlmaError(
        store.outcomes.put(sampleInput('outcome', { success: 'false' as never })),
        'VALIDATION',
      );
      expect(await store.outcomes.count({ projectId: PROJECT })).toBe(0);
    });

    it('metadata nested to the limit is kept, and a filter on it still works', async () => {
      const { store } = await context.open();
      const saved = await store.heuristics.put(
        sampleInput('heuristic', { metadata: { topic: 'deep', tree: nested(MAX_METADATA_DEPTH - 2) } }),
      );
      expect((await store.heuristics.get(saved))?.metadata).toEqual(saved.metadata);
      const { items } = await store.heuristics.find({
        where: { projectId: PROJECT, metadata: { topic: 'deep' } },
      });
      expect(items.map((item) => item.id)).toEqual([saved.id]);
    });

    it('-0 reads back as 0 on every backend', async () => {
      const { store } = await context.open();
      const saved = await store.heuristics.put(
        sampleInput('heuristic', { confidence: -0, occurrenceCount: -0 }),
      );
      const read = await store.heuristics.get(saved);
      expect(Object.is(read?.confidence, 0)).toBe(true);
      expect(Object.is(read?.occurrenceCount, 0)).toBe(true);
      expect(Object.is(saved.confidence, 0)).toBe(true);
    });

    it('a filter value with a lone surrogate is refused, not matched loosely', async () => {
      const { store } = await context.open();
      await store.heuristics.put(sampleInput('heuristic', { agent: 'agent\ufffd' }));
      await expectAlmaError(
        store.heuristics.find({ where: { projectId: PROJECT, agent: 'agent\udc00' } }),
        'VALIDATION',
      );
      await expectAlmaError(
        store.heuristics.find({ where: { projectId: PROJECT, metadata: { note: 'x\ud800' } } }),
        'VALIDATION',
      );
    });
  });
}
