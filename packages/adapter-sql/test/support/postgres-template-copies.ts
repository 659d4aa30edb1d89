import { createPostgresTestDatabase, type PostgresTestDatabase } from '@alma/adapter-sql/testing';

/**
 * Fresh databases copied from one migrated template: the next copy is made while a test runs, and a
 * finished one is dropped while the next test runs. CREATE DATABASE and DROP DATABASE take about
 * 0.3 s each, longer than most conformance tests, and neither has to be waited for in between.
 */
export class PostgresTemplateCopies {
  private next: Promise<PostgresTestDatabase>;
  private readonly drops: Promise<unknown>[] = [];

  constructor(private readonly template: string) {
    this.next = this.copy();
  }

  /** A database nobody else uses, and the start of the copy after it. */
  take(): Promise<PostgresTestDatabase> {
    const taken = this.next;
    this.next = this.copy();
    return taken;
  }

  /** Drops it without waiting; `close()` waits, and reports a failure. */
  drop(database: PostgresTestDatabase): void {
    this.drops.push(settled(database.drop()));
  }

  /** Drops the spare copy, waits for every drop, and throws the first failure. */
  async close(): Promise<void> {
    const spare = await settled(this.next);
    if (!(spare instanceof Error)) this.drop(spare);
    const failure = (await Promise.all(this.drops)).find((result) => result instanceof Error);
    if (failure) throw failure;
  }

  private copy(): Promise<PostgresTestDatabase> {
    const copy = createPostgresTestDatabase('alma_store', { template: this.template });
    // Held until taken; this only keeps a failure from counting as unhandled before then.
    copy.catch(() => {});
    return copy;
  }
}

/** The value, or the error it failed with: a drop must not become an unhandled rejection. */
function settled<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}
