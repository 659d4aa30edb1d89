import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { exportStore, MemoryAdapter, MemoryStore } from '@alma/core';
import { HashingEmbedder } from '@alma/engine';

/**
 * Writes an export of `count` domain facts of project `bulk` (dimension 384, the hashing embedder):
 * about 2.4 kB a record, so a few hundred outgrow a pipe's buffer.
 */
export async function writeExportFile(path: string, count: number): Promise<void> {
  const embedder = new HashingEmbedder(384);
  const store = await MemoryStore.open(new MemoryAdapter(), { dimension: 384, embedder: embedder.id });
  const facts = Array.from({ length: count }, (_, i) => `fact ${i}: deploys wait for the migrations`);
  const vectors = await embedder.embed(facts);
  await store.domainKnowledge.putMany(
    facts.map((fact, i) => ({
      projectId: 'bulk',
      agent: 'ops',
      domain: 'deploy',
      fact,
      source: 'test',
      embedding: vectors[i]!,
    })),
  );
  const file = createWriteStream(path);
  for await (const line of exportStore(store)) if (!file.write(line)) await once(file, 'drain');
  file.end();
  await once(file, 'finish');
}
