import { resolve } from 'node:path';
import { ValidationError } from '@alma/core';

/** The SQLite store's settings; validated once, then frozen. */
export interface SqliteStoreConfig {
  /** The database file; created when missing. */
  readonly file: string;
  /** LanceDB directory holding the derived vector index (default: `<file>.vectors` beside it). */
  readonly vectorsDirectory: string;
  /** Apply pending migrations when the store opens (default true). */
  readonly migrate: boolean;
}

export type SqliteStoreOptions = Pick<SqliteStoreConfig, 'file'> & Partial<Omit<SqliteStoreConfig, 'file'>>;

export function parseSqliteConfig(options: SqliteStoreOptions): SqliteStoreConfig {
  if (typeof options?.file !== 'string' || options.file.length === 0 || options.file === ':memory:') {
    throw new ValidationError('the SQLite store needs a database file path');
  }
  const file = resolve(options.file);
  return Object.freeze({
    file,
    vectorsDirectory: resolve(options.vectorsDirectory ?? `${file}.vectors`),
    migrate: options.migrate ?? true,
  });
}
