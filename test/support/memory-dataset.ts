import { KINDS, type Kind, type MemoryInput, type MemoryStore } from '@alma/core';
import { seededRandom as random } from '@alma/core/testing';

/**
 * Projects whose byte order differs from a case-insensitive or locale order: every backend must scan
 * them in the same (projectId, id) order for exports to compare byte for byte.
 */
export const DATASET_PROJECTS = ['Gamma_3', 'alpha', 'beta-2', 'z:last@team'] as const;

const TEXTS = [
  'retry flaky network calls with backoff',
  'naïve café résumé — “quotes” and \\backslashes\\',
  'line one\nline two\ttabbed',
  'emoji 🚀 and 漢字 and עברית',
  "it's a 'single' and \"double\" quote",
];

function uuid(next: () => number, index: number): string {
  // UUIDv7 layout with a fixed, increasing time part: ids sort in creation order, as real ones do.
  const time = (1_700_000_000_000 + index).toString(16).padStart(12, '0');
  const hex = Array.from({ length: 20 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex.slice(0, 3)}-${'89ab'[Math.floor(next() * 4)]}${hex.slice(3, 6)}-${hex.slice(6, 18)}`;
}

export interface DatasetOptions {
  readonly seed?: number;
  /** Metadata of one key: for tests about something else than metadata fidelity. */
  readonly flatMetadata?: boolean;
}

/**
 * A store's worth of records of every kind over four projects: millisecond timestamps across
 * centuries, both booleans, nulls and values in every optional field, nested metadata, awkward text,
 * fractions that only a double keeps, embeddings and records without one.
 */
export function datasetRecords<K extends Kind>(
  kind: K,
  count: number,
  dimension: number,
  options: DatasetOptions = {},
): MemoryInput<K>[] {
  const seed = options.seed ?? 1;
  const next = random(seed * 31 + KINDS.indexOf(kind));
  return Array.from({ length: count }, (_, i) => {
    const text = `${TEXTS[i % TEXTS.length]} #${i}`;
    const at = (offset: number) =>
      new Date(Date.UTC(1999 + (i % 60), i % 12, 1 + (i % 28), i % 24, i % 60, i % 60, i % 1000) + offset);
    const common = {
      id: uuid(next, i),
      projectId: DATASET_PROJECTS[i % DATASET_PROJECTS.length]!,
      createdAt: at(0),
      updatedAt: at(1234),
      metadata: options.flatMetadata
        ? { i }
        : i % 5 === 0
          ? {}
          : {
              i,
              ratio: i / 3,
              nested: { ok: i % 2 === 0, list: [1, 'two', null, { deep: -0.5 }] },
              text: TEXTS[(i + 1) % TEXTS.length]!,
            },
      embedding: i % 7 === 3 ? null : Float32Array.from({ length: dimension }, () => next() * 2 - 1),
    };
    const fraction = Math.round(next() * 1e6) / 3e6;
    const inputs: { [Q in Kind]: MemoryInput<Q> } = {
      heuristic: {
        ...common,
        agent: `agent-${i % 3}`,
        condition: text,
        strategy: `strategy ${i}`,
        confidence: fraction,
        occurrenceCount: i * 3,
        successCount: i,
        lastValidated: at(-5),
        ...(i % 3 === 1
          ? { tenantId: 'acme', workflowId: `workflow-${i % 2}`, runId: `run-${i % 5}`, nodeId: null }
          : {}),
      },
      outcome: {
        ...common,
        agent: `agent-${i % 3}`,
        taskType: i % 2 === 0 ? 'deploy' : 'refactor',
        taskDescription: text,
        success: i % 3 !== 0,
        strategyUsed: `strategy ${i % 4}`,
        durationMs: i % 4 === 0 ? null : i * 1000 + 7,
        errorMessage: i % 3 === 0 ? `failed: ${text}` : null,
        userFeedback: i % 6 === 1 ? 'great' : null,
        timestamp: at(99),
      },
      preference: {
        ...common,
        userId: `user-${i % 2}`,
        category: 'style',
        preference: text,
        source: 'explicit_instruction',
        confidence: fraction,
      },
      domainKnowledge: {
        ...common,
        agent: `agent-${i % 3}`,
        domain: 'deploys',
        fact: text,
        source: 'runbook',
        confidence: fraction,
        lastVerified: at(7),
      },
      antiPattern: {
        ...common,
        agent: `agent-${i % 3}`,
        pattern: text,
        whyBad: `because ${i}`,
        betterAlternative: 'the other way',
        occurrenceCount: i,
        lastSeen: at(3),
        ...(i % 4 === 1
          ? { tenantId: 'acme', workflowId: 'release', runId: `run-${i % 5}`, nodeId: 'ship' }
          : {}),
      },
      checkpoint: {
        ...common,
        runId: `run-${i % 5}`,
        nodeId: `node-${i % 3}`,
        branchId: i % 4 === 0 ? null : `branch-${i % 2}`,
        parentCheckpointId: i % 3 === 0 ? null : uuid(next, i + 100_000),
        sequenceNumber: i + 1,
        state: { text, step: i, nested: { list: [fraction, null, 'x'] } },
        stateHash: `${i}`.padStart(64, 'f'),
      },
      workflowOutcome: {
        ...common,
        agent: `agent-${i % 3}`,
        tenantId: i % 2 === 0 ? 'acme' : null,
        workflowId: `workflow-${i % 3}`,
        runId: `run-${i}`,
        result: ['success', 'failure', 'partial', 'cancelled', 'timeout'][i % 5]!,
        summary: text,
        strategiesUsed: i % 3 === 0 ? [] : [text, `strategy ${i}`],
        successfulPatterns: [`pattern ${i % 4}`],
        failedPatterns: i % 2 === 0 ? [] : [TEXTS[i % TEXTS.length]!],
        durationSeconds: i % 4 === 0 ? null : fraction * 100,
        nodeCount: i % 5 === 0 ? null : i % 9,
        errorMessage: i % 5 === 1 ? `failed: ${text}` : null,
        timestamp: at(11),
      },
      artifactLink: {
        ...common,
        memoryId: uuid(next, i + 200_000),
        artifactType: ['screenshot', 'log', 'report'][i % 3]!,
        storageUrl: `s3://bucket/${encodeURIComponent(text)}`,
        filename: i % 2 === 0 ? `file-${i}.txt` : null,
        mimeType: i % 2 === 0 ? 'text/plain' : null,
        sizeBytes: i % 3 === 0 ? null : i * 1024,
        checksum: i % 3 === 0 ? null : `${i}`.padStart(64, '0'),
      },
      archivedMemory: {
        ...common,
        originalKind: 'heuristic',
        originalId: uuid(next, i + 300_000),
        agent: `agent-${i % 3}`,
        reason: 'consolidated',
        mergedInto: i % 2 === 0 ? uuid(next, i + 400_000) : null,
        record: { condition: text, strategy: `strategy ${i}`, confidence: fraction, metadata: { i } },
        archivedAt: at(21),
      },
    };
    return inputs[kind];
  });
}

/** Fills a store with `perKind` records of every kind, written in batches. */
export async function seedDataset(
  store: MemoryStore,
  perKind: number,
  options: DatasetOptions = {},
): Promise<void> {
  for (const kind of KINDS) {
    const records = datasetRecords(kind, perKind, store.dimension, options);
    for (let start = 0; start < records.length; start += 500) {
      await store.kind(kind).putMany(records.slice(start, start + 500));
    }
  }
}
