import { tokenize } from '@alma/core';
import { nameBasedId } from './name-based-id.js';

/**
 * The id of a learnt lesson: the same agent, task type and strategy words always give the same id,
 * so two writers creating the same lesson upsert one record instead of inserting two.
 */
export function lessonId(
  kind: 'heuristic' | 'antiPattern',
  projectId: string,
  agent: string,
  taskType: string,
  strategy: string,
): string {
  return nameBasedId([kind, projectId, agent, taskType, tokenize(strategy).join(' ')]);
}
