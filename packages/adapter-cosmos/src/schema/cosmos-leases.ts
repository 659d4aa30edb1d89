import { createHash } from 'node:crypto';
import type { LeaseRecord, LeaseTable } from '@alma/core';
import type { Container } from '@azure/cosmos';
import { guard, statusOf, toAlmaError } from '../cosmos-errors.js';
import { META_PARTITION } from './cosmos-containers.js';

interface LeaseDocument extends LeaseRecord {
  readonly id: string;
  readonly projectId: string;
  readonly _etag?: string;
}

/** Document ids cannot hold every character a key may: a lease is named by a hash of its key. */
const documentId = (key: string) => `lease-${createHash('sha256').update(key).digest('hex')}`;

const same = (a: LeaseRecord, b: LeaseRecord) => a.owner === b.owner && a.expiresAt === b.expiresAt;

/**
 * Leases as documents of the meta partition: created only when absent (409 otherwise), replaced
 * and deleted only under the ETag of the lease read, so processes sharing the account agree.
 */
export class CosmosLeases implements LeaseTable {
  constructor(private readonly container: Container) {}

  async create(key: string, lease: LeaseRecord): Promise<boolean> {
    const document: LeaseDocument = { id: documentId(key), projectId: META_PARTITION, ...lease };
    try {
      await this.container.items.create(document);
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw toAlmaError(error, 'taking a lease');
    }
  }

  async read(key: string): Promise<LeaseRecord | null> {
    const document = await this.document(key);
    return document === null ? null : { owner: document.owner, expiresAt: document.expiresAt };
  }

  async replace(key: string, expected: LeaseRecord, next: LeaseRecord): Promise<boolean> {
    const current = await this.document(key);
    if (current === null || !same(current, expected)) return false;
    try {
      await this.container
        .item(current.id, META_PARTITION)
        .replace<LeaseDocument>(
          { id: current.id, projectId: META_PARTITION, ...next },
          { accessCondition: { type: 'IfMatch', condition: String(current._etag) } },
        );
      return true;
    } catch (error) {
      if (statusOf(error) === 412 || statusOf(error) === 404) return false;
      throw toAlmaError(error, 'renewing a lease');
    }
  }

  async remove(key: string, expected: LeaseRecord): Promise<void> {
    const current = await this.document(key);
    if (current === null || !same(current, expected)) return;
    try {
      await this.container
        .item(current.id, META_PARTITION)
        .delete({ accessCondition: { type: 'IfMatch', condition: String(current._etag) } });
    } catch (error) {
      if (statusOf(error) !== 412 && statusOf(error) !== 404) throw toAlmaError(error, 'ending a lease');
    }
  }

  private async document(key: string): Promise<LeaseDocument | null> {
    const { resource } = await guard('reading a lease', () =>
      this.container.item(documentId(key), META_PARTITION).read<LeaseDocument>(),
    );
    return resource ?? null;
  }
}
