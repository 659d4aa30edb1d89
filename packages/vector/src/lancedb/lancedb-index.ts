import {
  DimensionMismatchError,
  type NormalizedFilter,
  type Ref,
  SerialQueue,
  ValidationError,
} from '@alma/core';
import { type Connection, Index, type Table, type VectorQuery } from '@lancedb/lancedb';
import { dotAt, normalize } from '../exact/exact-kernel.js';
import type { VectorColumns } from '../vector-columns.js';
import type {
  AnnKind,
  VectorHit,
  VectorIndex,
  VectorIndexStatus,
  VectorRow,
  VectorSearchQuery,
} from '../vector-index.js';
import { defineVectorIndexCapabilities } from '../vector-index-capabilities.js';
import { checkSearchQuery, checkVectorRow, lastPerRef, refKey } from '../vector-input.js';
import {
  type ArrowSchema,
  describeSchema,
  dimensionOf,
  idsAndVectors,
  idsOf,
  lanceSchema,
  rowsToArrow,
} from './lancedb-arrow.js';
import { withLanceErrors } from './lancedb-errors.js';
import { compileLanceFilter } from './lancedb-filter.js';
import {
  type AnnSettings,
  DEFAULT_HNSW_SQ,
  DEFAULT_IVF_PQ,
  type LanceDbIndexSettings,
  type LanceDbSettingsInput,
  lancedbSettings,
} from './lancedb-settings.js';
import { stringLiteral } from './lancedb-sql-literal.js';

/** Fewer rows than this cannot train the quantisers (PQ needs 256 codes); a flat scan is instant anyway. */
export const MIN_ANN_ROWS = 256;
const VECTOR_INDEX_NAME = 'vector_idx';
const REF_INDEX_NAME = 'ref_idx';
const DELETE_CHUNK = 256;
const TABLE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** What a LanceDB index is opened with; settings not given take the defaults. */
export interface LanceDbIndexOptions {
  readonly connection: Connection;
  /** One table per kind, e.g. 'alma_heuristics'. */
  readonly table: string;
  readonly dimension: number;
  readonly columns: VectorColumns;
  readonly settings?: LanceDbSettingsInput;
  /**
   * A table of another layout (the model gained a column) is replaced by an empty one of this
   * layout instead of refused: for an owner that refills the index from its rows (a derived index).
   */
  readonly replaceOtherLayout?: boolean;
}

/**
 * A vector index in one LanceDB table: normalised vectors under cosine distance, a B-tree on the
 * row key so deletes and upserts find rows without a scan (PC-4), an ANN index once the table is
 * large enough, and exact rescoring of every candidate so scores equal the exact kernel's.
 */
export class LanceDbVectorIndex implements VectorIndex {
  readonly capabilities = defineVectorIndexCapabilities({
    exactSearch: true,
    annIndex: true,
    metadataFilter: true,
    persistent: true,
  });
  /** LanceDB commits each write as a table version; racing writes of one process would only conflict and retry. */
  private readonly queue = new SerialQueue();
  private writesSinceOptimize = 0;

  private constructor(
    private readonly connection: Connection,
    private table: Table,
    readonly name: string,
    readonly dimension: number,
    readonly columns: VectorColumns,
    readonly settings: LanceDbIndexSettings,
    private readonly schema: ArrowSchema,
    private ann: AnnKind,
    private mayHaveZeroRows: boolean,
  ) {}

  /**
   * Opens the table, creating it empty when absent; a table of another layout is refused, or
   * replaced by an empty one with `replaceOtherLayout`. Another dimension is always refused.
   */
  static async open(options: LanceDbIndexOptions): Promise<LanceDbVectorIndex> {
    const { connection, table: name, dimension, columns } = options;
    if (!TABLE_NAME.test(name)) throw new ValidationError(`'${name}' is not a valid LanceDB table name`);
    if (!Number.isInteger(dimension) || dimension < 1)
      throw new ValidationError('dimension must be a positive integer');
    const settings = lancedbSettings(options.settings);
    const schema = lanceSchema(dimension, columns);
    return withLanceErrors('open', async () => {
      const exists = (await connection.tableNames()).includes(name);
      let table = exists
        ? await connection.openTable(name)
        : await connection.createEmptyTable(name, schema, { mode: 'create', existOk: true });
      if (exists && !(await hasLayout(table, schema, dimension, name))) {
        if (!options.replaceOtherLayout) throw otherLayout(name, schema, await table.schema());
        table.close();
        table = await connection.createEmptyTable(name, schema, { mode: 'overwrite' });
      }
      const ann = await annKindOf(table);
      if ((await table.listIndices()).some((index) => index.name === REF_INDEX_NAME)) {
        await table.prewarmIndex(REF_INDEX_NAME);
      }
      const zeroRows = await table.countRows('`zero_vector` = TRUE');
      return new LanceDbVectorIndex(
        connection,
        table,
        name,
        dimension,
        columns,
        settings,
        schema,
        ann,
        zeroRows > 0,
      );
    });
  }

  async upsert(rows: readonly VectorRow[]): Promise<void> {
    for (const row of rows) checkVectorRow(row, this.dimension, this.columns);
    if (rows.length === 0) return;
    const unique = lastPerRef(rows);
    await this.queue.run(async () => {
      await this.merge(unique);
      await this.afterWrite();
    });
  }

  async delete(refs: readonly Ref[]): Promise<number> {
    const keys = refs.map(({ projectId, id }) => {
      if (typeof projectId !== 'string' || typeof id !== 'string')
        throw new ValidationError('a ref needs projectId and id');
      return stringLiteral(refKey(projectId, id));
    });
    if (keys.length === 0) return 0;
    return this.queue.run(async () => {
      let deleted = 0;
      for (let start = 0; start < keys.length; start += DELETE_CHUNK) {
        const predicate = `\`ref\` IN (${keys.slice(start, start + DELETE_CHUNK).join(', ')})`;
        const result = await withLanceErrors('delete', () => this.table.delete(predicate));
        deleted += result.numDeletedRows;
      }
      await this.afterWrite();
      return deleted;
    });
  }

  async search(query: VectorSearchQuery): Promise<VectorHit[]> {
    checkSearchQuery(query, this.dimension);
    const where = compileLanceFilter(query.filter, this.columns, this.name);
    const projectId = query.filter.projectId;
    const unit = normalize(query.vector);
    // A zero query has no direction: every row scores 0, and ties go by id.
    if (unit.every((x) => x === 0)) return this.byId(where, query.k, projectId);
    const limit = query.k + this.settings.overfetch;
    const result = await withLanceErrors('search', () =>
      this.tuned(this.table.vectorSearch(unit).distanceType('cosine'), limit)
        .where(where)
        .limit(limit)
        .select(['id', 'vector', '_distance'])
        .toArrow(),
    );
    const hits: VectorHit[] = [];
    for (const { id, vector } of idsAndVectors(result)) {
      hits.push({ projectId, id, score: dotAt(vector, 0, unit, this.dimension) });
    }
    const ranked = rank(hits).slice(0, query.k);
    // LanceDB never returns zero vectors under cosine distance; they score exactly 0, so they
    // belong in the answer only when fewer than k rows scored above 0.
    const kth = ranked[query.k - 1];
    if (this.mayHaveZeroRows && (kth === undefined || kth.score <= 0)) {
      const zeros = await this.byId(`${where} AND (\`zero_vector\` = TRUE)`, query.k, projectId);
      return rank([...ranked, ...zeros]).slice(0, query.k);
    }
    return ranked;
  }

  async count(filter?: NormalizedFilter): Promise<number> {
    const where = filter ? compileLanceFilter(filter, this.columns, this.name) : undefined;
    return withLanceErrors('count', () => this.table.countRows(where));
  }

  async buildIndex(): Promise<VectorIndexStatus> {
    return this.queue.run(async () => {
      await this.build();
      return this.status();
    });
  }

  async optimize(): Promise<VectorIndexStatus> {
    return this.queue.run(async () => {
      await this.maintain();
      return this.status();
    });
  }

  async rebuild(rows: AsyncIterable<VectorRow> | Iterable<VectorRow>): Promise<number> {
    return this.queue.run(async () => {
      const fresh = await withLanceErrors('rebuild', () =>
        this.connection.createEmptyTable(this.name, this.schema, { mode: 'overwrite' }),
      );
      this.table.close();
      this.table = fresh;
      this.ann = 'none';
      this.mayHaveZeroRows = false;
      const seen = new Set<string>();
      let batch: VectorRow[] = [];
      const flush = async () => {
        const unique = lastPerRef(batch);
        batch = [];
        // Rows are normally unique, so plain appends suffice; a ref seen before must replace.
        const repeats = unique.some((row) => seen.has(refKey(row.projectId, row.id)));
        for (const row of unique) seen.add(refKey(row.projectId, row.id));
        if (repeats) await this.merge(unique);
        else await this.append(unique);
      };
      for await (const row of rows) {
        checkVectorRow(row, this.dimension, this.columns);
        batch.push(row);
        if (batch.length >= this.settings.rebuildBatchSize) await flush();
      }
      if (batch.length > 0) await flush();
      await this.maintain();
      return withLanceErrors('count', () => this.table.countRows());
    });
  }

  async status(): Promise<VectorIndexStatus> {
    return withLanceErrors('status', async () => {
      const rows = await this.table.countRows();
      if (this.ann === 'none') return { rows, ann: 'none', unindexedRows: 0 };
      // Opt in to LanceDB's coming default (no centroids in statistics) unless the caller chose;
      // otherwise every status() call prints a deprecation warning.
      process.env.LANCE_INCLUDE_VECTOR_CENTROIDS ??= 'false';
      const stats = await this.table.indexStats(VECTOR_INDEX_NAME);
      return { rows, ann: this.ann, unindexedRows: stats?.numUnindexedRows ?? rows };
    });
  }

  async close(): Promise<void> {
    await this.queue.run(async () => this.table.close());
  }

  /** Applies the query knobs of the ANN index the table actually holds. */
  private tuned(query: VectorQuery, limit: number): VectorQuery {
    if (this.ann === 'none') return query;
    const knobs = this.knobsFor(this.ann);
    // The graph search must return every candidate the refine step re-ranks: ef ≥ limit × refineFactor.
    const candidates = limit * Math.max(1, knobs.refineFactor);
    let tuned = query;
    if (knobs.type === 'hnsw-sq' && (knobs.ef > 0 || knobs.refineFactor > 1)) {
      tuned = tuned.ef(Math.max(knobs.ef, candidates));
    }
    if (knobs.type === 'ivf-pq' && knobs.nprobes > 0) tuned = tuned.nprobes(knobs.nprobes);
    return knobs.refineFactor > 0 ? tuned.refineFactor(knobs.refineFactor) : tuned;
  }

  private knobsFor(kind: Exclude<AnnKind, 'none'>): AnnSettings {
    if (this.settings.ann.type === kind) return this.settings.ann;
    return kind === 'hnsw-sq' ? DEFAULT_HNSW_SQ : DEFAULT_IVF_PQ;
  }

  private async byId(where: string, k: number, projectId: string): Promise<VectorHit[]> {
    const result = await withLanceErrors('search', () =>
      this.table
        .query()
        .where(where)
        .orderBy({ columnName: 'id', ascending: true })
        .limit(k)
        .select(['id'])
        .toArrow(),
    );
    return idsOf(result).map((id) => ({ projectId, id, score: 0 }));
  }

  private async merge(rows: readonly VectorRow[]): Promise<void> {
    const data = rowsToArrow(rows, this.schema, this.dimension, this.columns);
    await withLanceErrors('upsert', () =>
      this.table.mergeInsert('ref').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(data),
    );
    this.noteZeroRows(rows);
  }

  private async append(rows: readonly VectorRow[]): Promise<void> {
    const data = rowsToArrow(rows, this.schema, this.dimension, this.columns);
    await withLanceErrors('upsert', () => this.table.add(data));
    this.noteZeroRows(rows);
  }

  private noteZeroRows(rows: readonly VectorRow[]): void {
    if (!this.mayHaveZeroRows) this.mayHaveZeroRows = rows.some((row) => row.vector.every((x) => x === 0));
  }

  private async afterWrite(): Promise<void> {
    this.writesSinceOptimize++;
    const every = this.settings.optimizeEvery;
    if (every > 0 && this.writesSinceOptimize >= every) await this.maintain();
  }

  /** Compaction, version pruning, index upkeep, and the ANN build once the table is large enough. */
  private async maintain(): Promise<void> {
    this.writesSinceOptimize = 0;
    await withLanceErrors('optimize', () =>
      this.table.optimize({
        cleanupOlderThan: new Date(Date.now() - this.settings.retainVersionsMs),
        // The store owns its directory alone (it holds the store lock), so nothing reads old files.
        deleteUnverified: true,
      }),
    );
    await this.ensureScalarIndexes();
    if (this.ann === 'none' && (await this.table.countRows()) >= this.settings.annThreshold)
      await this.build();
    const zeroRows = await withLanceErrors('optimize', () => this.table.countRows('`zero_vector` = TRUE'));
    this.mayHaveZeroRows = zeroRows > 0;
  }

  private async build(): Promise<void> {
    const rows = await withLanceErrors('build index', () => this.table.countRows());
    if (rows < MIN_ANN_ROWS) return;
    const ann = this.settings.ann;
    await withLanceErrors('build index', () =>
      this.table.createIndex('vector', {
        config: annIndexConfig(ann),
        replace: true,
        name: VECTOR_INDEX_NAME,
      }),
    );
    this.ann = ann.type;
    await this.ensureScalarIndexes();
  }

  /** A B-tree on the key makes delete and upsert a lookup; a bitmap on the project speeds the prefilter. */
  private async ensureScalarIndexes(): Promise<void> {
    await withLanceErrors('build scalar index', async () => {
      if ((await this.table.countRows()) === 0) return;
      const indexed = new Set((await this.table.listIndices()).flatMap((index) => index.columns));
      if (!indexed.has('ref'))
        await this.table.createIndex('ref', { config: Index.btree(), name: REF_INDEX_NAME });
      if (!indexed.has('project_id')) await this.table.createIndex('project_id', { config: Index.bitmap() });
      // A delete or upsert looks its key up in the B-tree; with the pages cached, that lookup
      // costs the same at any size instead of a cold read per page.
      await this.table.prewarmIndex(REF_INDEX_NAME);
    });
  }
}

function annIndexConfig(ann: AnnSettings): Index {
  if (ann.type === 'hnsw-sq') {
    return Index.hnswSq({
      distanceType: 'cosine',
      m: ann.m,
      efConstruction: ann.efConstruction,
      ...(ann.numPartitions > 0 ? { numPartitions: ann.numPartitions } : {}),
    });
  }
  return Index.ivfPq({
    distanceType: 'cosine',
    ...(ann.numPartitions === undefined ? {} : { numPartitions: ann.numPartitions }),
    ...(ann.numSubVectors === undefined ? {} : { numSubVectors: ann.numSubVectors }),
  });
}

async function annKindOf(table: Table): Promise<AnnKind> {
  const index = (await table.listIndices()).find((candidate) => candidate.columns.includes('vector'));
  if (!index) return 'none';
  return index.indexType.includes('HNSW') ? 'hnsw-sq' : 'ivf-pq';
}

/** Whether the table has this layout; a table of another dimension is a DimensionMismatchError. */
async function hasLayout(
  table: Table,
  schema: ArrowSchema,
  dimension: number,
  name: string,
): Promise<boolean> {
  const existing = await table.schema();
  const stored = dimensionOf(existing);
  if (stored !== null && stored !== dimension) {
    throw new DimensionMismatchError(stored, dimension, { details: { table: name } });
  }
  return describeSchema(schema).join(', ') === describeSchema(existing).join(', ');
}

function otherLayout(name: string, schema: ArrowSchema, existing: ArrowSchema): ValidationError {
  return new ValidationError(`LanceDB table '${name}' has another layout; rebuild it`, {
    details: { want: describeSchema(schema).join(', '), have: describeSchema(existing).join(', ') },
  });
}

/** Whether the kind's table in this directory is missing or already has the layout of `columns`. */
export async function tableLayoutIsCurrent(options: LanceDbIndexOptions): Promise<boolean> {
  const { connection, table: name, dimension, columns } = options;
  return withLanceErrors('open', async () => {
    if (!(await connection.tableNames()).includes(name)) return true;
    const table = await connection.openTable(name);
    try {
      return await hasLayout(table, lanceSchema(dimension, columns), dimension, name);
    } finally {
      table.close();
    }
  });
}

/** Highest score first; equal scores by id, as the contract says. */
function rank(hits: VectorHit[]): VectorHit[] {
  const unique = new Map(hits.map((hit) => [hit.id, hit]));
  return [...unique.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
