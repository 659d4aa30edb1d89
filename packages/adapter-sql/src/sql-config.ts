import type { PostgresOptions } from './postgres/postgres-config.js';
import type { SqliteOptions } from './sqlite/sqlite-config.js';

/** How to open a SQL store: the dialect, then that dialect's own options. */
export type SqlAdapterConfig =
  | ({ readonly dialect: 'sqlite' } & SqliteOptions)
  | ({ readonly dialect: 'postgres' } & PostgresOptions);
