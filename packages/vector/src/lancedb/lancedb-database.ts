import { mkdir } from 'node:fs/promises';
import { KIND_STORAGE_NAMES, type Kind } from '@alma/core';
import { type Connection, connect } from '@lancedb/lancedb';
import { kindVectorColumns } from '../vector-columns.js';
import { withLanceErrors } from './lancedb-errors.js';
import { type LanceDbIndexOptions, LanceDbVectorIndex, tableLayoutIsCurrent } from './lancedb-index.js';
import type { LanceDbSettingsInput } from './lancedb-settings.js';

/**
 * One LanceDB directory per store, one table per kind, named as every backend names the kind.
 * @example const db = await LanceDbVectorDatabase.open('.alma/vectors'); const idx = await db.openKindIndex('heuristic', 384);
 */
export class LanceDbVectorDatabase {
  private constructor(
    readonly directory: string,
    private readonly connection: Connection,
    private readonly defaults: LanceDbSettingsInput,
  ) {}

  /** Connects to (and creates) the directory; `settings` become every index's defaults. */
  static async open(directory: string, settings: LanceDbSettingsInput = {}): Promise<LanceDbVectorDatabase> {
    await mkdir(directory, { recursive: true });
    const connection = await withLanceErrors('connect', () => connect(directory));
    return new LanceDbVectorDatabase(directory, connection, settings);
  }

  /** Opens (or creates) the index of one table with explicit columns. */
  openIndex(options: Omit<LanceDbIndexOptions, 'connection'>): Promise<LanceDbVectorIndex> {
    const settings = { ...this.defaults, ...options.settings };
    return LanceDbVectorIndex.open({ ...options, connection: this.connection, settings });
  }

  /** Whether a table is absent or has the layout these options give it (so opening keeps its rows). */
  hasCurrentLayout(options: Omit<LanceDbIndexOptions, 'connection'>): Promise<boolean> {
    return tableLayoutIsCurrent({ ...options, connection: this.connection });
  }

  /** Opens the index of a memory kind: its storage name, and the kind's scalar columns. */
  openKindIndex(
    kind: Kind,
    dimension: number,
    settings: LanceDbSettingsInput = {},
  ): Promise<LanceDbVectorIndex> {
    return this.openIndex({
      table: KIND_STORAGE_NAMES[kind],
      dimension,
      columns: kindVectorColumns(kind),
      settings,
    });
  }

  /** Table names present in the directory. */
  tables(): Promise<string[]> {
    return withLanceErrors('list tables', () => this.connection.tableNames());
  }

  /** Drops a table and its files; a missing table is not an error. */
  async drop(table: string): Promise<void> {
    if ((await this.tables()).includes(table))
      await withLanceErrors('drop', () => this.connection.dropTable(table));
  }

  close(): void {
    this.connection.close();
  }
}
