import type { CursorStack } from '../../ui/cursor-stack.js';
import { currentCursor } from '../../ui/cursor-stack.js';
import type { LessonQuery } from './lesson-api.js';

/** What the list's controls hold; an empty agent means every agent. */
export interface LessonControlValues<Sort extends string> {
  readonly agent: string;
  readonly sort: Sort;
  readonly order: 'asc' | 'desc';
  readonly limit: number;
}

export const PAGE_SIZES = [25, 50, 100] as const;

/** The query of the page the cursor stack stands on. */
export function lessonQueryOf<Sort extends string>(
  controls: LessonControlValues<Sort>,
  stack: CursorStack,
): LessonQuery<Sort> {
  const cursor = currentCursor(stack);
  return {
    limit: controls.limit,
    order: controls.order,
    sort: controls.sort,
    ...(controls.agent === '' ? {} : { agent: controls.agent }),
    ...(cursor === undefined ? {} : { cursor }),
  };
}

/** How often a heuristic worked when it was used; null before its first use. */
export function successRate(successCount: number, occurrenceCount: number): number | null {
  return occurrenceCount > 0 ? successCount / occurrenceCount : null;
}
