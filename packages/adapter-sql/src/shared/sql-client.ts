import type { Sql } from '@prisma/client/runtime/client';

export { empty, join, raw, Sql, sqltag as sql } from '@prisma/client/runtime/client';

/**
 * The part of a generated PrismaClient the stores use: raw SQL built with `sql` fragments (every
 * value a bound parameter) and interactive transactions. Both providers' clients fit it, so the
 * store code never depends on one generated client's types.
 */
export interface SqlClient {
  $queryRaw<T = unknown>(query: Sql): PromiseLike<T>;
  $executeRaw(query: Sql): PromiseLike<number>;
  $transaction<R>(
    work: (tx: SqlQueryable) => Promise<R>,
    options?: { timeout?: number; maxWait?: number },
  ): Promise<R>;
  $disconnect(): Promise<void>;
}

/** What a transaction can do: queries only. */
export type SqlQueryable = Pick<SqlClient, '$queryRaw' | '$executeRaw'>;
