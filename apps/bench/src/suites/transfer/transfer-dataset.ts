import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  type ExportSummary,
  emptyCounts,
  KINDS,
  type Kind,
  type MemoryInput,
  normalizeRecord,
  recordLine,
} from '@alma/core';
import { randomVector, sampleInput, seededRandom } from '@alma/core/testing';

const PROJECTS = 10;

/**
 * Writes an export of `total` records, spread evenly over the five kinds and ten projects, with
 * embeddings and metadata: the source every backend is seeded from with `alma import`.
 */
export async function writeDataset(path: string, total: number, dimension: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const header: ExportHeader = { format: EXPORT_FORMAT, version: EXPORT_VERSION, dimension, embedder: null };
  await write(`${JSON.stringify(header)}\n`);
  const hash = createHash('sha256');
  const counts = emptyCounts();
  const random = seededRandom(2026);
  const now = new Date();
  for (const [k, kind] of KINDS.entries()) {
    const count = Math.floor(total / KINDS.length) + (k < total % KINDS.length ? 1 : 0);
    for (let i = 0; i < count; i++) {
      const input = sampleInput(
        kind as Kind,
        {
          projectId: `project-${i % PROJECTS}`,
          // Keys of one length in sorted order: the order every backend keeps (jsonb orders keys by length).
          metadata: { kind, seed: i, tags: ['transfer', 'bench'] },
          embedding: randomVector(random, dimension),
        } as Partial<MemoryInput<Kind>>,
      );
      const line = recordLine(kind, normalizeRecord(kind, input, { now, dimension }));
      hash.update(line);
      counts[kind] += 1;
      await write(line);
    }
  }
  const summary: ExportSummary = { end: true, counts, sha256: hash.digest('hex') };
  await write(`${JSON.stringify(summary)}\n`);
  out.end();
  await once(out, 'finish');
}
