import { MemoryAdapter, MemoryStore } from '@alma/core';
import { expectAlmaError } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';

describe('MemoryStore.open', () => {
  it('records dimension and embedder on first open and enforces them after', async () => {
    const adapter = new MemoryAdapter();
    await MemoryStore.open(adapter, { dimension: 16, embedder: 'hashing-v1:16' });
    await expectAlmaError(MemoryStore.open(adapter, { dimension: 8 }), 'DIMENSION_MISMATCH');
    await expectAlmaError(
      MemoryStore.open(adapter, { embedder: 'openai:text-embedding-3-small' }),
      'CONFLICT',
    );
    expect((await MemoryStore.open(adapter)).dimension).toBe(16);
  });

  it('needs a sensible dimension for a new store', async () => {
    await expectAlmaError(MemoryStore.open(new MemoryAdapter()), 'VALIDATION');
    for (const dimension of [0, 1.5, 2001]) {
      await expectAlmaError(MemoryStore.open(new MemoryAdapter(), { dimension }), 'VALIDATION');
    }
  });
});
