import { fieldsOf, KIND_STORAGE_NAMES, type Kind, searchableFieldsOf } from '@alma/core';
import {
  type CompositePath,
  type ContainerRequest,
  type IndexingPolicy,
  PartitionKeyDefinitionVersion,
  PartitionKeyKind,
  VectorEmbeddingDataType,
  VectorEmbeddingDistanceFunction,
  VectorIndexType,
} from '@azure/cosmos';

/** Holds the manifest and the applied schema versions, partitioned like every other container. */
export const META_CONTAINER = 'alma_meta';
/** The one partition of the meta container; project ids cannot start with '_', so it is never a project's. */
export const META_PARTITION = '_alma';

/** What the account offers beyond plain queries; decided once, when the store is created. */
export interface SearchFeatures {
  readonly vector: boolean;
  readonly fullText: boolean;
}

/** Every container is hash-partitioned on /projectId (DC-5); version 2 hashes the whole key. */
const PARTITION_KEY = {
  paths: ['/projectId'],
  kind: PartitionKeyKind.Hash,
  version: PartitionKeyDefinitionVersion.V2,
};

const FILTERABLE = new Set(['id', 'key', 'text', 'number', 'integer', 'boolean', 'instant']);
const ORDERABLE = new Set(['number', 'integer', 'instant']);

/**
 * The container of one kind: range indexes on exactly the paths the filter language can name (every
 * field but the embedding, metadata keys included) and on schemaVersion (migrations find old documents
 * with it); a composite index per orderable field for ORDER BY (field, id); and, where the account has
 * them, a DiskANN index over the cosine float32 embedding and a full-text index on the text fields.
 */
export function kindContainerDefinition(
  kind: Kind,
  dimension: number,
  features: SearchFeatures,
  language: string,
): ContainerRequest {
  const definition: ContainerRequest = {
    id: KIND_STORAGE_NAMES[kind],
    partitionKey: PARTITION_KEY,
    indexingPolicy: kindIndexingPolicy(kind, features),
  };
  if (features.vector) {
    definition.vectorEmbeddingPolicy = {
      vectorEmbeddings: [
        {
          path: '/embedding',
          dataType: VectorEmbeddingDataType.Float32,
          distanceFunction: VectorEmbeddingDistanceFunction.Cosine,
          dimensions: dimension,
        },
      ],
    };
  }
  if (features.fullText) {
    definition.fullTextPolicy = {
      defaultLanguage: language,
      fullTextPaths: searchableFieldsOf(kind).map((name) => ({ path: `/${name}`, language })),
    };
  }
  return definition;
}

export function kindIndexingPolicy(kind: Kind, features: SearchFeatures): IndexingPolicy {
  const fields = Object.entries(fieldsOf(kind));
  const policy: IndexingPolicy = {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [
      ...fields.filter(([, spec]) => FILTERABLE.has(spec.type)).map(([name]) => ({ path: `/${name}/?` })),
      { path: '/metadata/*' },
      { path: '/schemaVersion/?' },
    ],
    excludedPaths: [{ path: '/*' }, { path: '/embedding/*' }],
    // The reverse of (field ASC, id ASC) serves DESC on a real account; the stand-in wants it spelled out.
    compositeIndexes: fields
      .filter(([, spec]) => ORDERABLE.has(spec.type) && !spec.nullable)
      .flatMap(([name]) => [composite(name, 'ascending'), composite(name, 'descending')]),
  };
  if (features.vector) policy.vectorIndexes = [{ path: '/embedding', type: VectorIndexType.DiskANN }];
  if (features.fullText)
    policy.fullTextIndexes = searchableFieldsOf(kind).map((name) => ({ path: `/${name}` }));
  return policy;
}

function composite(name: string, order: CompositePath['order']): CompositePath[] {
  return [
    { path: `/${name}`, order },
    { path: '/id', order },
  ];
}

export function metaContainerDefinition(): ContainerRequest {
  return { id: META_CONTAINER, partitionKey: PARTITION_KEY };
}
