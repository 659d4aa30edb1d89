import { resolve } from 'node:path';
import { ValidationError } from '@alma/core';

/** The SQLite store's settings; validated once, then frozen. */
export interface SqliteConfig {
  /** The database file; created when missing. */
  readonly file: string;
  /** LanceDB directory holding the derived vector index (default: `<file>.vectors` beside it). */
  readonly vectorsDirectory: string;
  /** Apply pending migrations when the store opens (default true). */
  readonly migrate: boolean;
  /**
   * Kinds with at most this many embedded records are also held in memory (about 1.5 kB each at
   * 384-d) and searched exactly there; larger kinds are searched through LanceDB's ANN index.
   * 0 keeps every kind on LanceDB. Default 20,000.
   */
  readonly residentVectorRows: number;
}

export type SqliteOptions = Pick<SqliteConfig, 'file'> & Partial<Omit<SqliteConfig, 'file'>>;

export function parseSqliteConfig(options: SqliteOptions): SqliteConfig {
  if (typeof options?.file !== 'string' || options.file.length === 0 || options.file === ':memory:') {
    throw new ValidationError('the SQLite store needs a database file path');
  }
  const file = resolve(options.file);
  return Object.freeze({
    file,
    vectorsDirectory: resolve(options.vectorsDirectory ?? `${file}.vectors`),
    migrate: options.migrate ?? true,
    residentVectorRows: residentRows(options.residentVectorRows ?? DEFAULT_RESIDENT_VECTOR_ROWS),
  });
}

const DEFAULT_RESIDENT_VECTOR_ROWS = 20_000;

function residentRows(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new ValidationError('residentVectorRows must be a whole number, 0 or more');
  return value;
}
