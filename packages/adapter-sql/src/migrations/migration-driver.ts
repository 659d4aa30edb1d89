/** A value bound to a statement parameter. */
export type SqlParameter = string | number | bigint | Date | null;

export type SqlRow = Readonly<Record<string, unknown>>;

/** The provider names Prisma writes in `migration_lock.toml`. */
export type PrismaProvider = 'postgresql' | 'sqlite';

/** What the migration runner needs from one database connection; one implementation per provider. */
export interface MigrationDriver {
  readonly provider: PrismaProvider;
  /** Runs `work` while every other migrator of the same database waits for it to finish. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction, begun so that no other migrator can read the migration state
   * until it ends; commits when `work` returns, rolls back when it throws.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Runs a script of several statements, such as a migration. */
  execute(script: string): Promise<void>;
  /** Runs one statement with `?` placeholders and returns its rows. */
  query(sql: string, parameters?: readonly SqlParameter[]): Promise<SqlRow[]>;
  close(): Promise<void>;
}
