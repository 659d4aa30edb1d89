import { type Embedder, MEMORY_KINDS, type MemoryInput, type MemoryKind, type MemoryStore } from '@alma/core';
import { seededRandom } from '@alma/core/testing';

export const BENCH_PROJECT = 'bench';
/** Ten agents; odd ones inherit from the even one before them, as in the engine's scenario. */
export const BENCH_AGENTS = Array.from({ length: 10 }, (_, i) => `agent-${i}`);
const USERS = 100;
/** Distinct texts per kind; records reuse them, so data loads fast while vectors stay real embeddings. */
const POOL = 2_000;
const BATCH = 1_000;
const DAY_MS = 86_400_000;

const WORDS = (
  'billing invoice refund module service deploy canary rollback test suite flaky timeout retry backoff ' +
  'cache index query schema migration lock queue worker api endpoint token auth session cookie header ' +
  'parser config env secret log metric trace span alert latency throughput memory leak cpu disk network'
).split(' ');

function sentence(random: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' ');
}

/** n records of one kind: varied text, agents, ages and confidences; the same on every run. */
function recordsOf(
  kind: MemoryKind,
  n: number,
  pool: readonly { text: string; vector: Float32Array }[],
  now: number,
) {
  const random = seededRandom(n * 31 + kind.length);
  return (i: number): MemoryInput<MemoryKind> => {
    const { text, vector } = pool[i % pool.length]!;
    const agent = BENCH_AGENTS[i % BENCH_AGENTS.length]!;
    const at = new Date(now - Math.floor(random() * 365) * DAY_MS);
    const base = { projectId: BENCH_PROJECT, embedding: vector, metadata: {} };
    switch (kind) {
      case 'heuristic':
        return {
          ...base,
          agent,
          condition: `task type: t${i % 7}`,
          strategy: text,
          confidence: random(),
          occurrenceCount: 10,
          successCount: Math.floor(random() * 10),
          lastValidated: at,
        };
      case 'outcome':
        return {
          ...base,
          agent,
          taskType: `t${i % 7}`,
          taskDescription: text,
          success: random() < 0.7,
          strategyUsed: text,
          timestamp: at,
        };
      case 'preference':
        return {
          ...base,
          userId: `user-${i % USERS}`,
          category: 'style',
          preference: text,
          source: 'explicit',
        };
      case 'domainKnowledge':
        return { ...base, agent, domain: `d${i % 5}`, fact: text, source: 'docs', lastVerified: at };
      default:
        return {
          ...base,
          agent,
          pattern: text,
          whyBad: 'it failed',
          betterAlternative: 'something else',
          occurrenceCount: 1 + (i % 12),
          lastSeen: at,
        };
    }
  };
}

/**
 * Writes `perKind` memories of every kind into the store. Their vectors are real embeddings of their
 * text by the store's embedder, drawn from a pool of distinct texts so loading stays fast.
 */
export async function loadMemories(store: MemoryStore, embedder: Embedder, perKind: number, now: number) {
  const random = seededRandom(2026);
  for (const kind of MEMORY_KINDS) {
    const texts = Array.from({ length: Math.min(POOL, perKind) }, () =>
      sentence(random, 6 + Math.floor(random() * 6)),
    );
    const vectors = await embedder.embed(texts);
    const pool = texts.map((text, i) => ({ text, vector: vectors[i]! }));
    const make = recordsOf(kind, perKind, pool, now);
    for (let start = 0; start < perKind; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, perKind - start) }, (_, i) => make(start + i));
      await store.kind(kind).putMany(batch);
    }
  }
}

/** Tasks to retrieve for: sentences of the same vocabulary. */
export function benchTasks(count: number): string[] {
  const random = seededRandom(99);
  return Array.from({ length: count }, () => sentence(random, 8));
}
