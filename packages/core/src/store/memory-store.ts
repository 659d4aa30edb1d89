import { ConflictError, DimensionMismatchError, ValidationError } from '../errors/alma-error.js';
import { KINDS, type Kind } from '../model/kinds.js';
import { MAX_DIMENSION, PROJECT_ID_PATTERN } from '../model/limits.js';
import type { Capabilities } from './capabilities.js';
import { Collection, type StoreContext } from './collection.js';
import { KeyedLock } from './keyed-lock.js';
import { withLease } from './lease.js';
import { assertQueryShape } from './query-shape.js';
import type { SchemaStatus, Stats } from './query-types.js';
import type { StoreAdapter, StoreManifest } from './store-adapter.js';

export interface OpenStoreOptions {
  /** Embedding dimension; may be left out when opening a store that already recorded one. */
  readonly dimension?: number;
  /** Identifies the embedder whose vectors the store holds; a different one later is an error. */
  readonly embedder?: string;
  /** Source of "now" for timestamps; tests pin it. */
  readonly clock?: () => Date;
}

/**
 * A memory store: one backend adapter behind typed, validated collections, one per kind.
 * @example const store = await MemoryStore.open(new MemoryAdapter(), { dimension: 384 });
 *          await store.heuristics.put({ projectId: 'p', agent: 'a', condition: 'c', strategy: 's' });
 */
export class MemoryStore {
  readonly heuristics: Collection<'heuristic'>;
  readonly outcomes: Collection<'outcome'>;
  readonly preferences: Collection<'preference'>;
  readonly domainKnowledge: Collection<'domainKnowledge'>;
  readonly antiPatterns: Collection<'antiPattern'>;
  private readonly collections: { readonly [K in Kind]: Collection<K> };
  private readonly locks = new KeyedLock();

  private constructor(
    private readonly adapter: StoreAdapter,
    readonly manifest: StoreManifest,
    clock: () => Date,
  ) {
    const context: StoreContext = { adapter, dimension: manifest.dimension, clock };
    this.heuristics = new Collection('heuristic', context);
    this.outcomes = new Collection('outcome', context);
    this.preferences = new Collection('preference', context);
    this.domainKnowledge = new Collection('domainKnowledge', context);
    this.antiPatterns = new Collection('antiPattern', context);
    this.collections = {
      heuristic: this.heuristics,
      outcome: this.outcomes,
      preference: this.preferences,
      domainKnowledge: this.domainKnowledge,
      antiPattern: this.antiPatterns,
      checkpoint: new Collection('checkpoint', context),
      workflowOutcome: new Collection('workflowOutcome', context),
      artifactLink: new Collection('artifactLink', context),
      archivedMemory: new Collection('archivedMemory', context),
    };
  }

  /** Opens a store over an adapter, recording dimension and embedder on first use and checking them after. */
  static async open(adapter: StoreAdapter, options: OpenStoreOptions = {}): Promise<MemoryStore> {
    const { dimension, embedder } = options;
    if (
      dimension !== undefined &&
      (!Number.isInteger(dimension) || dimension < 1 || dimension > MAX_DIMENSION)
    ) {
      throw new ValidationError(`dimension must be a whole number from 1 to ${MAX_DIMENSION}`);
    }
    let manifest = await adapter.readManifest();
    if (manifest === null) {
      if (dimension === undefined) throw new ValidationError('a new store needs a dimension');
      manifest = { formatVersion: 1, dimension, embedder: embedder ?? null };
      await adapter.writeManifest(manifest);
    } else {
      if (dimension !== undefined && dimension !== manifest.dimension) {
        throw new DimensionMismatchError(manifest.dimension, dimension, {
          details: { reason: 'the store was created with another dimension' },
        });
      }
      if (embedder !== undefined && manifest.embedder !== null && embedder !== manifest.embedder) {
        throw new ConflictError(
          `the store holds vectors of embedder '${manifest.embedder}', not '${embedder}'`,
          {
            details: { recorded: manifest.embedder, requested: embedder },
          },
        );
      }
    }
    return new MemoryStore(adapter, manifest, options.clock ?? (() => new Date()));
  }

  get capabilities(): Capabilities {
    return this.adapter.capabilities;
  }

  get dimension(): number {
    return this.manifest.dimension;
  }

  /** The collection of one kind, for code generic over kinds. */
  kind<K extends Kind>(kind: K): Collection<K> {
    return this.collections[kind] as Collection<K>;
  }

  /** Record counts per kind for one project. */
  /**
   * Runs `work` while no other caller holds `key`: in this process (every engine over this store
   * shares the lock), and in every process sharing the backend, through its leases. Learning runs
   * here, so counts stay exact under any concurrency and any number of processes.
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const { leases } = this.adapter;
    return this.locks.run(key, () => (leases === null ? work() : withLease(leases, key, work)));
  }

  /** The projects holding at least one record of any kind, in code-unit order. */
  projects(): Promise<string[]> {
    return this.adapter.projects();
  }

  async stats(scope: { projectId: string }): Promise<Stats> {
    assertQueryShape(scope, 'stats scope', ['projectId']);
    if (typeof scope.projectId !== 'string' || !PROJECT_ID_PATTERN.test(scope.projectId))
      throw new ValidationError('stats needs a valid projectId');
    const counts = Object.fromEntries(
      await Promise.all(
        KINDS.map(async (kind) => [kind, await this.kind(kind).count({ projectId: scope.projectId })]),
      ),
    ) as Record<Kind, number>;
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    return { projectId: scope.projectId, counts, total };
  }

  async schema(): Promise<SchemaStatus> {
    return this.adapter.schema();
  }

  async close(): Promise<void> {
    await this.adapter.close();
  }
}
