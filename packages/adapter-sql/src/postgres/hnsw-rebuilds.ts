import type { Kind } from '@alma/core';
import type pg from 'pg';

/** Quiet time after the last bulk batch of a kind before its index is built again. */
const SETTLE_MS = 2_000;
/** Memory for one HNSW build: the graph must fit, or pgvector builds it far more slowly on disk. */
const BUILD_MEMORY = '512MB';

/**
 * HNSW indexes dropped by bulk loads, built again once a kind's batches stop (decision 092). Until
 * then searches of that kind scan exactly: correct, only slower. A build blocks writes to its kind
 * (not reads) while it runs. If the process ends first, the store's next open builds what is
 * missing (`CREATE INDEX IF NOT EXISTS`), as it does for a new store.
 */
export class HnswRebuilds {
  private readonly timers = new Map<Kind, NodeJS.Timeout>();
  /** Kinds whose build waits for a bulk batch in progress: the quiet time starts when it ends. */
  private readonly held = new Set<Kind>();
  private readonly building = new Map<Kind, Promise<void>>();

  constructor(
    private readonly pool: pg.Pool,
    /** The statement creating a kind's index for the store's dimension (idempotent). */
    private readonly ddl: (kind: Kind) => string,
  ) {}

  /** A bulk batch dropped (or found missing) the index of this kind: build it once the batches settle. */
  schedule(kind: Kind): void {
    this.held.delete(kind);
    clearTimeout(this.timers.get(kind));
    const timer = setTimeout(() => {
      this.timers.delete(kind);
      // A failed build leaves the index missing; the next bulk batch or the next open builds it.
      this.build(kind).catch(() => {});
    }, SETTLE_MS);
    timer.unref();
    this.timers.set(kind, timer);
  }

  /**
   * A bulk batch of this kind begins: a build still waiting must not start in the middle of it (a
   * slow batch on a loaded machine outlasts the quiet time), so its timer stops until `schedule`.
   */
  hold(kind: Kind): void {
    const timer = this.timers.get(kind);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(kind);
    this.held.add(kind);
  }

  waiting(kind: Kind): boolean {
    return this.timers.has(kind) || this.held.has(kind);
  }

  /** Builds every index still waiting, now; for close. */
  async flush(): Promise<void> {
    const waiting = [...this.timers.keys(), ...this.held];
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.held.clear();
    await Promise.all([...this.building.values(), ...waiting.map((kind) => this.build(kind))]);
  }

  private build(kind: Kind): Promise<void> {
    const running = this.building.get(kind);
    if (running) return running;
    const build = (async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL maintenance_work_mem = '${BUILD_MEMORY}'`);
        await client.query(this.ddl(kind));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    })().finally(() => this.building.delete(kind));
    this.building.set(kind, build);
    return build;
  }
}
