import { FileAdapter } from '@alma/adapter-file';
import { HashingEmbedder, type Hit, KINDS, type Kind, MemoryStore } from '@alma/core';
import {
  QUICKSTART_AGENT,
  QUICKSTART_KNOWLEDGE,
  QUICKSTART_OUTCOMES,
  QUICKSTART_PROJECT,
  QUICKSTART_TASK,
} from '../quickstart-scenario.js';

export interface QuickstartOptions {
  /** Store directory; the demo project in it is reset on every run. */
  readonly directory: string;
  readonly json: boolean;
  readonly write: (text: string) => void;
}

/**
 * The first thing a user runs: stores an agent's outcomes and knowledge in the embedded store,
 * then searches them for a new task and prints what the agent would be handed.
 */
export async function runQuickstart(options: QuickstartOptions): Promise<void> {
  const embedder = new HashingEmbedder(384);
  const store = await MemoryStore.open(await FileAdapter.open({ directory: options.directory }), {
    dimension: embedder.dimension,
    embedder: embedder.id,
  });
  try {
    for (const kind of KINDS) await store.kind(kind).deleteWhere({ projectId: QUICKSTART_PROJECT });
    const base = { projectId: QUICKSTART_PROJECT, agent: QUICKSTART_AGENT };
    const outcomeVectors = await embedder.embed(
      QUICKSTART_OUTCOMES.map((o) => `${o.taskDescription} ${o.strategyUsed}`),
    );
    await store.outcomes.putMany(
      QUICKSTART_OUTCOMES.map((outcome, i) => ({ ...base, ...outcome, embedding: outcomeVectors[i]! })),
    );
    const factVectors = await embedder.embed(QUICKSTART_KNOWLEDGE.map((k) => k.fact));
    await store.domainKnowledge.putMany(
      QUICKSTART_KNOWLEDGE.map((knowledge, i) => ({ ...base, ...knowledge, embedding: factVectors[i]! })),
    );
    const [query] = await embedder.embed([QUICKSTART_TASK]);
    const where = { projectId: QUICKSTART_PROJECT, agent: QUICKSTART_AGENT };
    const outcomes = await store.outcomes.search({ where, vector: query!, k: 3 });
    const knowledge = await store.domainKnowledge.search({ where, vector: query!, k: 2 });
    const stats = await store.stats({ projectId: QUICKSTART_PROJECT });
    if (options.json) {
      const brief = (hits: Hit<Kind>[]) =>
        hits.map((hit) => ({ id: hit.record.id, score: hit.score, similarity: hit.similarity }));
      options.write(
        `${JSON.stringify({ task: QUICKSTART_TASK, outcomes: brief(outcomes), knowledge: brief(knowledge), stats })}\n`,
      );
      return;
    }
    options.write(
      [
        `ALMA quickstart — store: file:${options.directory}`,
        `stored ${stats.counts.outcome} outcomes and ${stats.counts.domainKnowledge} facts for agent '${QUICKSTART_AGENT}'`,
        '',
        `new task: "${QUICKSTART_TASK}"`,
        '',
        'relevant past outcomes (vector search):',
        ...outcomes.map(
          (hit) =>
            `  ${hit.record.success ? 'worked ' : 'FAILED '} sim=${hit.similarity?.toFixed(2)}  ${hit.record.taskDescription}\n` +
            `          strategy: ${hit.record.strategyUsed}${hit.record.errorMessage ? `\n          error: ${hit.record.errorMessage}` : ''}`,
        ),
        '',
        'relevant knowledge (vector):',
        ...knowledge.map(
          (hit) => `  sim=${hit.similarity?.toFixed(2)}  ${hit.record.fact} (${hit.record.source})`,
        ),
        '',
      ].join('\n'),
    );
  } finally {
    await store.close();
  }
}
