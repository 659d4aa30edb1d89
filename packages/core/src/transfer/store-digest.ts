import { createHash, type Hash } from 'node:crypto';
import { KINDS, type Kind, type MemoryRecord } from '../model/kinds.js';
import type { MemoryStore } from '../store/memory-store.js';
import { recordLine } from './ndjson-writer.js';

/** One kind of one project: how many records, and the SHA-256 of their export lines in scan order. */
export interface DigestEntry {
  readonly kind: Kind;
  readonly projectId: string;
  readonly count: number;
  readonly sha256: string;
}

export interface DigestOptions {
  /**
   * Hash records with their embedding left out: for copies that re-embed, whose vectors differ by
   * design while every other field must still match exactly.
   */
  readonly withoutEmbeddings?: boolean;
}

/**
 * Accumulates a digest from records fed in scan order. The hash covers the canonical export bytes
 * (`recordLine`), so equal digests mean byte-identical exports of that kind and project.
 */
export class StoreDigest {
  private readonly entries = new Map<string, { kind: Kind; projectId: string; count: number; hash: Hash }>();

  constructor(private readonly options: DigestOptions = {}) {}

  add<K extends Kind>(kind: K, record: MemoryRecord<K>): void {
    const key = `${kind}\u0000${record.projectId}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { kind, projectId: record.projectId, count: 0, hash: createHash('sha256') };
      this.entries.set(key, entry);
    }
    const hashed = this.options.withoutEmbeddings ? { ...record, embedding: null } : record;
    entry.hash.update(recordLine(kind, hashed));
    entry.count += 1;
  }

  /** The entries, in kind order then by projectId; the digest is finished after this. */
  finish(): DigestEntry[] {
    return [...this.entries.values()]
      .map(({ kind, projectId, count, hash }) => ({ kind, projectId, count, sha256: hash.digest('hex') }))
      .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || (a.projectId < b.projectId ? -1 : 1));
  }
}

/** Scans a store (one project, or all) and digests it per kind and project. */
export async function digestStore(
  store: MemoryStore,
  options: DigestOptions & { readonly projectId?: string; readonly onRecord?: () => void } = {},
): Promise<DigestEntry[]> {
  const digest = new StoreDigest(options);
  const scope = options.projectId === undefined ? {} : { projectId: options.projectId };
  for (const kind of KINDS) {
    for await (const record of store.kind(kind).scan(scope)) {
      digest.add(kind, record);
      options.onRecord?.();
    }
  }
  return digest.finish();
}

/** One row of a verification: a kind of a project, on both sides. */
export interface VerificationRow {
  readonly kind: Kind;
  readonly projectId: string;
  readonly sourceCount: number;
  readonly targetCount: number;
  readonly sourceSha256: string | null;
  readonly targetSha256: string | null;
  /** 'match': same count and hash; 'differs': either differs; 'extra': only the target has it, outside what was copied. */
  readonly status: 'match' | 'differs' | 'extra';
}

export interface Verification {
  readonly ok: boolean;
  readonly rows: readonly VerificationRow[];
}

/**
 * Compares the digest of what was copied with the target's. Every kind and project of the source
 * must match; projects only the target holds are listed as 'extra' and do not fail the check, since
 * a copy into a shared store is no sync.
 */
export function compareDigests(source: readonly DigestEntry[], target: readonly DigestEntry[]): Verification {
  const key = (entry: DigestEntry) => `${entry.kind}\u0000${entry.projectId}`;
  const targetByKey = new Map(target.map((entry) => [key(entry), entry]));
  const sourceKeys = new Set(source.map(key));
  const sourceProjects = new Set(source.map((entry) => entry.projectId));
  const rows: VerificationRow[] = source.map((entry) => {
    const other = targetByKey.get(key(entry));
    const same = other !== undefined && other.count === entry.count && other.sha256 === entry.sha256;
    return {
      kind: entry.kind,
      projectId: entry.projectId,
      sourceCount: entry.count,
      targetCount: other?.count ?? 0,
      sourceSha256: entry.sha256,
      targetSha256: other?.sha256 ?? null,
      status: same ? 'match' : 'differs',
    };
  });
  for (const entry of target) {
    if (sourceKeys.has(key(entry))) continue;
    // A kind the source lacks in a project it copied is a difference; a project it never had is not.
    rows.push({
      kind: entry.kind,
      projectId: entry.projectId,
      sourceCount: 0,
      targetCount: entry.count,
      sourceSha256: null,
      targetSha256: entry.sha256,
      status: sourceProjects.has(entry.projectId) ? 'differs' : 'extra',
    });
  }
  rows.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || (a.projectId < b.projectId ? -1 : 1));
  return { ok: rows.every((row) => row.status !== 'differs'), rows };
}
