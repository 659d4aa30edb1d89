import type { StoreAdapter } from '@alma/core';
import { MemoryAdapter, MemoryStore } from '@alma/core';
import type { ConformanceHarness } from '@alma/core/testing';
import { PROJECT, TestClock } from '@alma/core/testing';
import { afterEach } from 'vitest';
import { Alma } from '../alma.js';
import { HashingEmbedder } from '../embedders/hashing-embedder.js';
import type { AlmaConfigInput } from '../engine-config.js';

/** The offline default embedder at its default dimension: deterministic on every machine. */
export const ENGINE_DIMENSION = 384;

/** Agents most specs use: `reviewer` reads `coder`'s memories, `ops` is on its own. */
export const DEFAULT_AGENTS: AlmaConfigInput['agents'] = {
  coder: { shareWith: ['reviewer'] },
  reviewer: { inheritFrom: ['coder'] },
  ops: {},
};

export interface OpenedEngine {
  readonly alma: Alma;
  readonly store: MemoryStore;
  readonly clock: TestClock;
  readonly embedder: HashingEmbedder;
}

export interface EngineOpenOptions {
  /** Merged over `{ projectId: PROJECT, agents: DEFAULT_AGENTS }`. */
  readonly config?: Partial<AlmaConfigInput>;
  /** Use the in-memory reference store instead of the harness's backend (for parity checks). */
  readonly reference?: boolean;
}

/** What every engine spec receives: the harness and a way to open engines cleaned up after each test. */
export interface EngineSpecContext {
  readonly harness: ConformanceHarness;
  open(options?: EngineOpenOptions): Promise<OpenedEngine>;
}

export function createEngineSpecContext(harness: ConformanceHarness): EngineSpecContext {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    const pending = cleanups.splice(0);
    for (const cleanup of pending.reverse()) await cleanup();
  });
  return {
    harness,
    async open(options = {}) {
      const clock = new TestClock();
      const embedder = new HashingEmbedder(ENGINE_DIMENSION);
      let adapter: StoreAdapter;
      if (options.reference) adapter = new MemoryAdapter();
      else {
        const instance = await harness.create();
        adapter = instance.adapter;
        cleanups.push(() => instance.destroy());
      }
      const store = await MemoryStore.open(adapter, {
        dimension: embedder.dimension,
        embedder: embedder.id,
        clock: clock.now,
      });
      cleanups.push(() => store.close());
      const config = { projectId: PROJECT, agents: DEFAULT_AGENTS, ...options.config };
      return { alma: new Alma({ store, embedder, config, clock: clock.now }), store, clock, embedder };
    },
  };
}
