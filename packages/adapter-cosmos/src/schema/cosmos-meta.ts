import { ConflictError, CorruptDataError, type StoreManifest } from '@alma/core';
import type { Container } from '@azure/cosmos';
import { guard, statusOf, toAlmaError } from '../cosmos-errors.js';
import { queryAll } from '../queries/cosmos-query-runner.js';
import { META_PARTITION, type SearchFeatures } from './cosmos-containers.js';

const MANIFEST_ID = 'manifest';

interface ManifestDocument extends StoreManifest {
  readonly id: string;
  readonly projectId: string;
  /** What the kind containers were created with: their vector and full-text policies cannot change later. */
  readonly searchFeatures: SearchFeatures;
}

export interface StoredManifest {
  readonly manifest: StoreManifest;
  readonly features: SearchFeatures;
}

/** The meta container: the store's manifest and one record per applied schema version. */
export class CosmosMeta {
  constructor(private readonly container: Container) {}

  async readManifest(): Promise<StoredManifest | null> {
    const { resource } = await guard('reading the store manifest', () =>
      this.container.item(MANIFEST_ID, META_PARTITION).read<ManifestDocument>(),
    );
    if (resource === undefined) return null;
    const { formatVersion, dimension, embedder, searchFeatures } = resource;
    if (formatVersion !== 1 || !Number.isInteger(dimension) || typeof searchFeatures !== 'object') {
      throw new CorruptDataError('the store manifest in alma_meta is not one this adapter wrote');
    }
    return { manifest: { formatVersion, dimension, embedder }, features: searchFeatures };
  }

  /** Creates the manifest; if another process created it first, it must say the same. */
  async createManifest(manifest: StoreManifest, features: SearchFeatures): Promise<void> {
    const document: ManifestDocument = {
      id: MANIFEST_ID,
      projectId: META_PARTITION,
      ...manifest,
      searchFeatures: features,
    };
    try {
      await this.container.items.create(document);
    } catch (error) {
      if (statusOf(error) !== 409) throw toAlmaError(error, 'writing the store manifest');
      const existing = await this.readManifest();
      if (
        existing?.manifest.dimension !== manifest.dimension ||
        existing.manifest.embedder !== manifest.embedder
      ) {
        throw new ConflictError('another process created this store with other settings', {
          details: { existing: existing?.manifest ?? null, requested: manifest },
        });
      }
    }
  }

  async appliedVersions(): Promise<string[]> {
    return queryAll<string>(
      this.container,
      {
        query: 'SELECT VALUE c.name FROM c WHERE c.projectId = @p0 AND c.type = @p1',
        parameters: [
          { name: '@p0', value: META_PARTITION },
          { name: '@p1', value: 'applied' },
        ],
      },
      META_PARTITION,
      'reading the applied schema versions',
    );
  }

  /** One upsert per version, sent together: each is a point write to the meta partition. */
  async recordApplied(names: readonly string[], note: string): Promise<void> {
    const appliedAt = new Date().toISOString();
    await Promise.all(
      names.map((name) =>
        guard(`recording schema version ${name}`, () =>
          this.container.items.upsert({
            id: `applied:${name}`,
            projectId: META_PARTITION,
            type: 'applied',
            name,
            appliedAt,
            note,
          }),
        ),
      ),
    );
  }
}
