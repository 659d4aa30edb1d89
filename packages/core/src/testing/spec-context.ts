import { afterEach } from 'vitest';
import { MemoryStore } from '../store/memory-store.js';
import type { ConformanceHarness, HarnessInstance } from './harness.js';

/** Small vectors keep the suite fast; dimension handling is tested separately. */
export const TEST_DIMENSION = 8;

/** A clock the specs move by hand, so timestamps are exact and ages are controlled. */
export class TestClock {
  private current: number;
  constructor(start = Date.parse('2026-01-15T10:00:00.000Z')) {
    this.current = start;
  }
  now = (): Date => new Date(this.current);
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}

export interface OpenedStore {
  readonly store: MemoryStore;
  readonly clock: TestClock;
  readonly instance: HarnessInstance;
  /** Closes the store and opens the same data again (persistent backends only). */
  reopen(): Promise<MemoryStore>;
}

/** What every spec receives: the harness and a way to open fresh stores that are cleaned up after each test. */
export interface SpecContext {
  readonly harness: ConformanceHarness;
  open(options?: { dimension?: number }): Promise<OpenedStore>;
}

export function createSpecContext(harness: ConformanceHarness): SpecContext {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    const pending = cleanups.splice(0);
    for (const cleanup of pending.reverse()) await cleanup();
  });
  return {
    harness,
    async open(options = {}) {
      const dimension = options.dimension ?? TEST_DIMENSION;
      const clock = new TestClock();
      const instance = await harness.create();
      let store = await MemoryStore.open(instance.adapter, { dimension, clock: clock.now });
      let closed = false;
      cleanups.push(async () => {
        if (!closed) await store.close();
        await instance.destroy();
      });
      return {
        get store() {
          return store;
        },
        clock,
        instance,
        async reopen() {
          if (!instance.reopen) throw new Error(`${harness.name} cannot reopen`);
          await store.close();
          closed = true;
          store = await MemoryStore.open(await instance.reopen(), { dimension, clock: clock.now });
          closed = false;
          return store;
        },
      };
    },
  };
}
