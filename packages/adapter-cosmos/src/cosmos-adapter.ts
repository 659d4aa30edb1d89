import {
  type AdapterFindQuery,
  type AdapterTextQuery,
  type AdapterVectorQuery,
  type BatchFailure,
  type Capabilities,
  ConflictError,
  defineCapabilities,
  KIND_STORAGE_NAMES,
  KINDS,
  type Kind,
  type MemoryRecord,
  type NormalizedFilter,
  projectList,
  type RecordChange,
  type Ref,
  type ScanOptions,
  type SchemaStatus,
  type ScoredRecord,
  StorageError,
  type StoreAdapter,
  type StoreManifest,
} from '@alma/core';
import type { Container, Database } from '@azure/cosmos';
import {
  type CosmosConfig,
  type CosmosOptions,
  databaseThroughput,
  parseCosmosConfig,
} from './cosmos-config.js';
import { assertDocumentSize, type EmbeddingFormat, fromDocument, toDocument } from './cosmos-conversion.js';
import { guard, statusOf, toAlmaError } from './cosmos-errors.js';
import { documentsById, projectIdsOf } from './queries/cosmos-partitions.js';
import { countQuery, findQuery, matchingIdsQuery } from './queries/cosmos-queries.js';
import { queryAll } from './queries/cosmos-query-runner.js';
import { findByRatio } from './queries/cosmos-ratio-find.js';
import {
  exactTextSearch,
  exactVectorSearch,
  nativeTextSearch,
  nativeVectorSearch,
  type SearchContext,
} from './queries/cosmos-search.js';
import { META_CONTAINER, metaContainerDefinition, type SearchFeatures } from './schema/cosmos-containers.js';
import { detectSearchFeatures, NO_SEARCH_FEATURES } from './schema/cosmos-features.js';
import {
  type ContainerLayout,
  createKindContainers,
  reapplyContainerSettings,
} from './schema/cosmos-layout.js';
import { CosmosLeases } from './schema/cosmos-leases.js';
import { CosmosMeta } from './schema/cosmos-meta.js';
import { type MigrationReport, migrateDocuments } from './schema/cosmos-migrate.js';
import {
  type CosmosDocument,
  containerVersionNames,
  currentDocumentVersion,
  schemaVersionNames,
} from './schema/cosmos-schema.js';
import { bulkDelete, bulkUpsert } from './writes/cosmos-bulk.js';
import {
  countersInRange,
  explainRefusedIncrement,
  MAX_PATCH_OPERATIONS,
  patchOperations,
} from './writes/cosmos-patch.js';
import { patchByReplace } from './writes/cosmos-wide-patch.js';

/** Ids per page of deleteWhere. */
const DELETE_PAGE = 1_000;

/** The layout facts of an existing store, or null before its manifest is written. */
interface StoreState {
  dimension: number;
  /** What the kind containers were created with. */
  layoutFeatures: SearchFeatures;
}

/**
 * The Azure Cosmos DB store: one container per kind, partitioned by /projectId (DC-5). Point reads,
 * deletes and patches name {projectId, id} and cost one request (DC-11, PC-8); every query of an
 * operation that carries a projectId is a single-partition query. Vector and full-text search are
 * native where the account has them and exact scans of the partition where it does not.
 */
export class CosmosAdapter implements StoreAdapter {
  readonly name = 'cosmos';
  readonly capabilities: Capabilities;
  private closed = false;

  private constructor(
    readonly config: CosmosConfig,
    private readonly database: Database,
    private readonly meta: CosmosMeta,
    /** Processes sharing the account agree on leases through documents of the meta container. */
    readonly leases: CosmosLeases,
    /** What searches use: the containers' features, unless the config asks for exact search. */
    private readonly searchFeatures: SearchFeatures,
    private state: StoreState | null,
  ) {
    this.capabilities = defineCapabilities({
      vectorSearch: searchFeatures.vector ? 'approximate' : 'exact',
      textSearch: true,
      atomicBatch: false,
      persistent: true,
      multiProcess: true,
    });
  }

  /**
   * Connects, creating the database and the meta container when missing. A new store gets its kind
   * containers when its manifest is written (their vector policy needs the dimension); an existing
   * one has pending container settings applied here.
   */
  static async open(options: CosmosOptions): Promise<CosmosAdapter> {
    const config = parseCosmosConfig(options);
    const { database } = await guard(`opening database ${config.databaseId}`, () =>
      config.client.databases.createIfNotExists({
        id: config.databaseId,
        ...databaseThroughput(config.throughput),
      }),
    );
    const { container } = await guard(`opening container ${META_CONTAINER}`, () =>
      database.containers.createIfNotExists(metaContainerDefinition()),
    );
    const meta = new CosmosMeta(container);
    const leases = new CosmosLeases(container);
    const stored = await meta.readManifest();
    if (stored === null) {
      const features = await detectSearchFeatures(container, config.search);
      return new CosmosAdapter(config, database, meta, leases, features, null);
    }
    const state = { dimension: stored.manifest.dimension, layoutFeatures: stored.features };
    const applied = new Set(await meta.appliedVersions());
    const pending = containerVersionNames().filter((name) => !applied.has(name));
    if (pending.length > 0) {
      await reapplyContainerSettings(layoutOf(database, state, config));
      await meta.recordApplied(pending, 'indexing policy re-applied on open');
    }
    const features = config.search === 'exact' ? NO_SEARCH_FEATURES : stored.features;
    return new CosmosAdapter(config, database, meta, leases, features, state);
  }

  async readManifest(): Promise<StoreManifest | null> {
    this.assertOpen();
    return (await this.meta.readManifest())?.manifest ?? null;
  }

  /** Creates the kind containers for this dimension, records every schema version as applied, then the manifest. */
  async writeManifest(manifest: StoreManifest): Promise<void> {
    this.assertOpen();
    const state = { dimension: manifest.dimension, layoutFeatures: this.searchFeatures };
    await createKindContainers(layoutOf(this.database, state, this.config));
    await this.meta.recordApplied(schemaVersionNames(this.config.documentUpgrades), 'created with the store');
    await this.meta.createManifest(manifest, state.layoutFeatures);
    this.state = state;
  }

  async put<K extends Kind>(kind: K, record: MemoryRecord<K>): Promise<void> {
    const document = this.document(kind, record);
    await guard(`writing ${kind} ${record.id}`, () => this.container(kind).items.upsert(document));
  }

  /** Bulk upserts; Cosmos cannot write across partitions atomically, so failures are per item. */
  async putMany<K extends Kind>(
    kind: K,
    records: readonly MemoryRecord<K>[],
  ): Promise<readonly BatchFailure[]> {
    // Every document is checked before the first is sent: a too-large one rejects the whole batch.
    const documents = records.map((record) => this.document(kind, record));
    return bulkUpsert(this.container(kind), documents, `writing a batch of ${kind}`);
  }

  async get<K extends Kind>(kind: K, ref: Ref): Promise<MemoryRecord<K> | null> {
    const { resource } = await guard(`reading ${kind} ${ref.id}`, () =>
      this.container(kind).item(ref.id, ref.projectId).read<CosmosDocument>(),
    );
    return resource === undefined ? null : this.record(kind, resource);
  }

  async delete(kind: Kind, ref: Ref): Promise<boolean> {
    this.assertOpen();
    try {
      await this.container(kind).item(ref.id, ref.projectId).delete();
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw toAlmaError(error, `deleting ${kind} ${ref.id}`);
    }
  }

  /** Pages of matching ids, each deleted in bulk, until no match is left. */
  async deleteWhere(kind: Kind, filter: NormalizedFilter): Promise<number> {
    const container = this.container(kind);
    let deleted = 0;
    for (;;) {
      const ids = await queryAll<{ id: string }>(
        container,
        matchingIdsQuery(kind, filter, DELETE_PAGE),
        filter.projectId,
        `finding ${kind} to delete`,
      );
      const refs = ids.map(({ id }) => ({ projectId: filter.projectId, id }));
      if (refs.length > 0) deleted += await bulkDelete(container, refs, `deleting ${kind}`);
      if (refs.length < DELETE_PAGE) return deleted;
    }
  }

  async find<K extends Kind>(kind: K, query: AdapterFindQuery): Promise<MemoryRecord<K>[]> {
    const { order } = query;
    if (order.ratio !== undefined) return findByRatio(this.searchContext(kind), query, order);
    const documents = await queryAll<CosmosDocument>(
      this.container(kind),
      findQuery(kind, { ...query, order }),
      query.filter.projectId,
      `finding ${kind}`,
    );
    return documents.map((document) => this.record(kind, document));
  }

  /** The kinds' containers walk their partitions side by side, one small query per project each. */
  async projects(): Promise<string[]> {
    const perKind = await Promise.all(
      KINDS.map(async (kind) => {
        const ids: string[] = [];
        for await (const projectId of projectIdsOf(this.container(kind), `listing the projects of ${kind}`)) {
          ids.push(projectId);
        }
        return ids;
      }),
    );
    return projectList(perKind.flat());
  }

  async count(kind: Kind, filter: NormalizedFilter): Promise<number> {
    const partials = await queryAll<number>(
      this.container(kind),
      countQuery(kind, filter),
      filter.projectId,
      `counting ${kind}`,
    );
    return partials.reduce((sum, n) => sum + n, 0);
  }

  async searchVector<K extends Kind>(kind: K, query: AdapterVectorQuery): Promise<ScoredRecord<K>[]> {
    const context = this.searchContext(kind);
    return this.searchFeatures.vector
      ? nativeVectorSearch(context, query)
      : exactVectorSearch(context, query);
  }

  async searchText<K extends Kind>(kind: K, query: AdapterTextQuery): Promise<ScoredRecord<K>[]> {
    const context = this.searchContext(kind);
    return this.searchFeatures.fullText ? nativeTextSearch(context, query) : exactTextSearch(context, query);
  }

  /**
   * Keyset pages by id within each partition. Without a projectId the partitions are enumerated by a
   * cross-partition query, acceptable here: scan serves export and migration, not requests.
   */
  async *scan<K extends Kind>(kind: K, options: ScanOptions): AsyncIterable<MemoryRecord<K>> {
    const container = this.container(kind);
    const projects =
      options.projectId === undefined
        ? projectIdsOf(container, `listing the projects of ${kind}`)
        : [options.projectId];
    for await (const projectId of projects) {
      for await (const document of documentsById(kind, container, projectId))
        yield this.record(kind, document);
    }
  }

  /** Applied and pending versions of the container settings and of the document layout. */
  async schema(): Promise<SchemaStatus> {
    this.assertOpen();
    const expected = schemaVersionNames(this.config.documentUpgrades);
    const applied = new Set(await this.meta.appliedVersions());
    return {
      backend: this.name,
      applied: expected.filter((name) => applied.has(name)),
      pending: expected.filter((name) => !applied.has(name)),
    };
  }

  /**
   * Rewrites every document written at an older layout (reads upgrade them lazily meanwhile) and
   * records the document versions as applied. Safe to run while the store is in use, and to re-run.
   */
  async migrate(): Promise<MigrationReport> {
    this.assertOpen();
    const report = await migrateDocuments((kind) => this.container(kind), this.config.documentUpgrades);
    const pending = (await this.schema()).pending.filter((name) => name.startsWith('documents-'));
    if (pending.length > 0) await this.meta.recordApplied(pending, 'documents rewritten by migrate()');
    return report;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.config.ownsClient) this.config.client.dispose();
  }

  async patch<K extends Kind>(kind: K, ref: Ref, change: RecordChange<K>): Promise<MemoryRecord<K> | null> {
    const { set: changes, add: deltas } = change;
    const operations = patchOperations(
      kind,
      changes as Record<string, unknown>,
      deltas,
      this.embeddingFormat(),
    );
    const item = this.container(kind).item(ref.id, ref.projectId);
    const action = `updating ${kind} ${ref.id}`;
    if (operations.length > MAX_PATCH_OPERATIONS) {
      const replaced = await patchByReplace(item, operations, action);
      return replaced === null ? null : this.record(kind, replaced);
    }
    const condition = countersInRange(deltas);
    try {
      const { resource } = await item.patch<CosmosDocument>(
        condition === undefined ? { operations } : { operations, condition },
      );
      return resource === undefined ? null : this.record(kind, resource);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      if (statusOf(error) !== 412 || condition === undefined) throw toAlmaError(error, action);
    }
    // The condition refused the increment: read the document to name the counter out of range.
    const { resource } = await guard(action, () => item.read<CosmosDocument>());
    if (resource === undefined) return null;
    explainRefusedIncrement(resource, deltas);
    throw new ConflictError(`${action}: the document changed during the increment; retry`);
  }

  private document<K extends Kind>(kind: K, record: MemoryRecord<K>): CosmosDocument {
    const version = currentDocumentVersion(this.config.documentUpgrades);
    const document = toDocument(kind, record, version, this.embeddingFormat());
    assertDocumentSize(document);
    return document;
  }

  private embeddingFormat(): EmbeddingFormat {
    return this.state?.layoutFeatures.vector ? 'array' : 'base64';
  }

  private record<K extends Kind>(kind: K, document: CosmosDocument): MemoryRecord<K> {
    return fromDocument(kind, document, this.config.documentUpgrades);
  }

  private searchContext<K extends Kind>(kind: K): SearchContext<K> {
    return { kind, container: this.container(kind), upgrades: this.config.documentUpgrades };
  }

  private container(kind: Kind): Container {
    this.assertOpen();
    if (this.state === null)
      throw new StorageError('the store has no manifest yet: open it through MemoryStore');
    return this.database.container(KIND_STORAGE_NAMES[kind]);
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError('the cosmos store is closed');
  }
}

function layoutOf(database: Database, state: StoreState, config: CosmosConfig): ContainerLayout {
  return {
    database,
    dimension: state.dimension,
    features: state.layoutFeatures,
    language: config.fullTextLanguage,
  };
}
