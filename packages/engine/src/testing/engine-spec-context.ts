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
  /**
   * An engine over a second adapter open on the same data at the same time, as another process
   * would have it (backends whose harness can reopen while open: multiProcess ones).
   */
  another(): Promise<Alma>;
}

export interface EngineOpenOptions {
  /** Merged over `{ projectId: PROJECT, agents: DEFAULT_AGENTS }`. */
  readonly config?: Partial<AlmaConfigInput>;
  /** Use the in-memory reference store instead of the harness's backend (for parity checks). */
  readonly reference?: boolean;
  /** Wraps the backend's adapter before the store opens it (fault injection). */
  readonly wrap?: (adapter: StoreAdapter) => StoreAdapter;
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
      let reopen: (() => Promise<StoreAdapter>) | undefined;
      if (options.reference) adapter = new MemoryAdapter();
      else {
        const instance = await harness.create();
        adapter = instance.adapter;
        reopen = instance.reopen;
        cleanups.push(() => instance.destroy());
      }
      const openStore = async (over: StoreAdapter) => {
        const store = await MemoryStore.open(over, {
          dimension: embedder.dimension,
          embedder: embedder.id,
          clock: clock.now,
        });
        cleanups.push(() => store.close());
        return store;
      };
      const store = await openStore(options.wrap ? options.wrap(adapter) : adapter);
      const config = { projectId: PROJECT, agents: DEFAULT_AGENTS, ...options.config };
      return {
        alma: new Alma({ store, embedder, config, clock: clock.now }),
        store,
        clock,
        embedder,
        async another() {
          if (!reopen) throw new Error(`${harness.name} cannot open its data a second time`);
          return new Alma({ store: await openStore(await reopen()), embedder, config, clock: clock.now });
        },
      };
    },
  };
}
