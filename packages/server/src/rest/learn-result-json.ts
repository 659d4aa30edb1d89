import type { LearnResult, LessonChange } from '@alma/engine';
import { recordJson } from './record-json.js';

/** What a learn call recorded and changed, as `LearnResult` in the OpenAPI document. */
export function learnResultJson(result: LearnResult) {
  const lesson = <K extends 'heuristic' | 'antiPattern'>(kind: K, change: LessonChange<K> | null) =>
    change && { action: change.action, record: recordJson(kind, change.record) };
  return {
    outcome: recordJson('outcome', result.outcome),
    heuristic: lesson('heuristic', result.heuristic),
    antiPattern: lesson('antiPattern', result.antiPattern),
  };
}
