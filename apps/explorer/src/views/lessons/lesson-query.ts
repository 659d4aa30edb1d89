import type { CursorStack } from '../../ui/cursor-stack.js';
import { currentCursor } from '../../ui/cursor-stack.js';
import type { LessonQuery, LessonSearch } from './lesson-api.js';

/** What the list's controls hold; an empty agent means every agent, an empty search none. */
export interface LessonControlValues<Sort extends string> {
  readonly agent: string;
  readonly search: string;
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

/** The text search the controls ask for, or null when they browse. */
export function lessonSearchOf<Sort extends string>(
  controls: LessonControlValues<Sort>,
): LessonSearch | null {
  const q = controls.search.trim();
  if (q === '') return null;
  return { q, limit: controls.limit, ...(controls.agent === '' ? {} : { agent: controls.agent }) };
}

/** How often a heuristic worked when it was used; null before its first use. */
export function successRate(successCount: number, occurrenceCount: number): number | null {
  return occurrenceCount > 0 ? successCount / occurrenceCount : null;
}
