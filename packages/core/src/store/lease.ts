import { randomUUID } from 'node:crypto';
import { ConflictError } from '../errors/alma-error.js';

/** Who holds a lease, and until when (epoch milliseconds by the holder's clock). */
export interface LeaseRecord {
  readonly owner: string;
  readonly expiresAt: number;
}

/**
 * Where a backend keeps leases: four conditional operations on one row or document per key, so
 * that processes sharing a database agree on who holds it.
 */
export interface LeaseTable {
  /** Writes the lease if none of that key exists; true when this call wrote it. */
  create(key: string, lease: LeaseRecord): Promise<boolean>;
  read(key: string): Promise<LeaseRecord | null>;
  /** Replaces the lease only while it is still `expected`; true when it was. */
  replace(key: string, expected: LeaseRecord, next: LeaseRecord): Promise<boolean>;
  /** Removes the lease only while it is still `expected`. */
  remove(key: string, expected: LeaseRecord): Promise<void>;
}

export interface LeaseOptions {
  /** How long a lease lasts without renewal: a holder that died stops blocking others after this. */
  readonly ttlMs?: number;
  /** How long to wait for a lease before giving up with CONFLICT. */
  readonly waitMs?: number;
}

const DEFAULT_TTL_MS = 30_000;
const DEFAULT_WAIT_MS = 120_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` while this process holds the lease of `key` in `table`: at most one holder among all
 * processes sharing the table. The lease is renewed while the work runs (every third of its
 * lifetime), so slow work keeps it; a holder that died loses it when it expires.
 */
export async function withLease<T>(
  table: LeaseTable,
  key: string,
  work: () => Promise<T>,
  options: LeaseOptions = {},
): Promise<T> {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const owner = randomUUID();
  let held = await acquire(table, key, owner, ttlMs, Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS));
  let renewal = Promise.resolve();
  const timer = setInterval(() => {
    renewal = renewal.then(async () => {
      const next = { owner, expiresAt: Date.now() + ttlMs };
      if (await table.replace(key, held, next).catch(() => false)) held = next;
    });
  }, ttlMs / 3);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await renewal;
    await table.remove(key, held).catch(() => {});
  }
}

async function acquire(
  table: LeaseTable,
  key: string,
  owner: string,
  ttlMs: number,
  deadline: number,
): Promise<LeaseRecord> {
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    const lease = { owner, expiresAt: Date.now() + ttlMs };
    if (await table.create(key, lease)) return lease;
    const current = await table.read(key);
    // Expired: its holder died or stalled past its lifetime. Removing it only if it is still the
    // same lease lets exactly one waiter take over.
    if (current !== null && current.expiresAt < Date.now()) {
      await table.remove(key, current);
      continue;
    }
    if (Date.now() > deadline) {
      throw new ConflictError(`another process has held '${key}' for too long; retry later`, {
        details: { key },
      });
    }
    await pause(wait + Math.random() * wait);
  }
}
