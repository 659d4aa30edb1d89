import { fieldsOf, isKind, type Kind, ValidationError } from '@alma/core';

/** A stored document as JSON: our fields, `schemaVersion`, and Cosmos's `_`-prefixed system properties. */
export type CosmosDocument = Record<string, unknown>;

/**
 * One step of the document layout's history. Documents record the version they were written at;
 * older ones are upgraded in memory on every read (lazily) and rewritten by `migrate()` (eagerly).
 */
export interface DocumentUpgrade {
  /** The schemaVersion a document has after this step; steps are numbered 2, 3, … in order. */
  readonly version: number;
  readonly description: string;
  readonly kinds: readonly Kind[];
  /**
   * Returns the upgraded document. It must keep values that are present: a patch may have set a
   * field on an old document without raising its version, and the step then runs over it again.
   */
  readonly upgrade: (document: Readonly<CosmosDocument>) => CosmosDocument;
}

/**
 * Layout 2 (the workflow layer): the memory kinds an agent learns into gained the workflow scope
 * fields, null for every memory written before.
 */
const WORKFLOW_SCOPE_UPGRADE: DocumentUpgrade = Object.freeze({
  version: 2,
  description: 'workflow scope fields (tenantId, workflowId, runId, nodeId) default to null',
  kinds: Object.freeze(['heuristic', 'outcome', 'domainKnowledge', 'antiPattern'] as const),
  upgrade: (document: Readonly<CosmosDocument>) => ({
    tenantId: null,
    workflowId: null,
    runId: null,
    nodeId: null,
    ...document,
  }),
});

/** Every layout change since the first, in order; a release that changes the layout appends one. */
export const BUILT_IN_DOCUMENT_UPGRADES: readonly DocumentUpgrade[] = Object.freeze([WORKFLOW_SCOPE_UPGRADE]);

/**
 * Version of the container settings (partition key, indexing policy, vector and full-text policies).
 * Raising it makes every store re-apply the indexing policy on its next open, and record that it did.
 * Version 2 added the workflow layer's containers, created on that open.
 */
export const CONTAINER_SETTINGS_VERSION = 2;

/** The step a release adds when the model gains a field with a default: documents without it get it. */
export function fieldDefaultUpgrade(step: {
  version: number;
  kind: Kind;
  field: string;
  value: string | number | boolean | null;
}): DocumentUpgrade {
  if (!isKind(step.kind) || !Object.hasOwn(fieldsOf(step.kind), step.field)) {
    throw new ValidationError(`${step.kind} has no field '${step.field}'`);
  }
  return Object.freeze({
    version: step.version,
    description: `${step.kind}.${step.field} defaults to ${JSON.stringify(step.value)}`,
    kinds: Object.freeze([step.kind]),
    upgrade: (document: Readonly<CosmosDocument>) =>
      Object.hasOwn(document, step.field) ? { ...document } : { ...document, [step.field]: step.value },
  });
}

export function validateDocumentUpgrades(upgrades: readonly DocumentUpgrade[]): void {
  if (!Array.isArray(upgrades)) throw new ValidationError('documentUpgrades must be an array');
  upgrades.forEach((step, index) => {
    if (step?.version !== index + 2 || typeof step.upgrade !== 'function' || !Array.isArray(step.kinds)) {
      throw new ValidationError(
        `document upgrade ${index} must be version ${index + 2} with kinds and upgrade`,
      );
    }
  });
}

/** The version documents are written at now. */
export function currentDocumentVersion(upgrades: readonly DocumentUpgrade[]): number {
  return upgrades.length + 1;
}

/** The version a stored document was written at; documents without one predate versioning. */
export function documentVersionOf(document: Readonly<CosmosDocument>): number {
  const version = document.schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1;
}

/** Applies every step newer than the document, for its kind; current documents come back unchanged. */
export function upgradeDocument(
  kind: Kind,
  document: CosmosDocument,
  upgrades: readonly DocumentUpgrade[],
): CosmosDocument {
  const from = documentVersionOf(document);
  let upgraded = document;
  for (const step of upgrades) {
    if (step.version > from && step.kinds.includes(kind)) upgraded = step.upgrade(upgraded);
  }
  return upgraded;
}

export function containerVersionNames(): string[] {
  return Array.from({ length: CONTAINER_SETTINGS_VERSION }, (_, i) => `containers-v${i + 1}`);
}

/** Names used in `schema()` and in the meta container, oldest first. */
export function schemaVersionNames(upgrades: readonly DocumentUpgrade[]): string[] {
  const documents = Array.from({ length: currentDocumentVersion(upgrades) }, (_, i) => `documents-v${i + 1}`);
  return [...containerVersionNames(), ...documents];
}
