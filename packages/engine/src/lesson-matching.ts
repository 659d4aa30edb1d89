import type { Filter, MemoryRecord } from '@alma/core';
import { cosineSimilarity } from '@alma/core';
import type { EngineContext } from './engine-context.js';

export type LessonKind = 'heuristic' | 'antiPattern';

const lessonText = {
  heuristic: (record: MemoryRecord<'heuristic'>) => record.strategy,
  antiPattern: (record: MemoryRecord<'antiPattern'>) => record.pattern,
};

/** Every lesson of one kind the agent has learnt about one task type, in id order. */
export async function lessonsOf<K extends LessonKind>(
  context: EngineContext,
  kind: K,
  agent: string,
  taskType: string,
): Promise<MemoryRecord<K>[]> {
  const collection = context.store.kind(kind);
  const where = { projectId: context.projectId, agent, metadata: { taskType } } as unknown as Filter<K>;
  const lessons: MemoryRecord<K>[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: MemoryRecord<K>[]; nextCursor: string | null } = await collection.find({
      where,
      limit: 1_000,
      ...(cursor === null ? {} : { cursor }),
    });
    lessons.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return lessons;
}

/**
 * The lesson whose strategy is most similar to `strategy` (cosine of their embeddings) at or above
 * the configured threshold; ties go to the smaller id. Null when none is similar enough.
 */
export async function matchingLesson<K extends LessonKind>(
  context: EngineContext,
  kind: K,
  lessons: readonly MemoryRecord<K>[],
  strategy: Float32Array,
): Promise<MemoryRecord<K> | null> {
  const textOf = lessonText[kind] as (record: MemoryRecord<K>) => string;
  const vectors = await context.vectors.embed(lessons.map(textOf));
  let best: MemoryRecord<K> | null = null;
  let bestSimilarity = context.config.learning.similarityThreshold;
  lessons.forEach((lesson, i) => {
    const similarity = cosineSimilarity(strategy, vectors[i]!);
    if (similarity > bestSimilarity || (best === null && similarity >= bestSimilarity)) {
      best = lesson;
      bestSimilarity = similarity;
    }
  });
  return best;
}
