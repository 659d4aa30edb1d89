import type { MemoryRecord } from '@alma/core';
import type { EngineContext } from './engine-context.js';
import { recencyFactor, successRate } from './memory-scoring.js';

/** Changes smaller than this are not written: they would only churn the store. */
const EPSILON = 1e-9;

export interface DecayReport {
  /** Heuristics examined. */
  readonly examined: number;
  /** Heuristics whose confidence changed. */
  readonly updated: number;
}

/**
 * A heuristic's confidence is its success rate, halved for every `decay.heuristicHalfLifeDays`
 * since it was last validated. This is a function of the counts and lastValidated, so running the
 * decay again at the same moment changes nothing, and it also repairs a confidence that a
 * concurrent learner left behind.
 */
export function decayedConfidence(
  heuristic: Pick<MemoryRecord<'heuristic'>, 'successCount' | 'occurrenceCount' | 'lastValidated'>,
  now: Date,
  halfLifeDays: number,
): number {
  return successRate(heuristic) * recencyFactor(heuristic.lastValidated, now, halfLifeDays);
}

/** Recomputes every heuristic's decayed confidence in the project (or one agent's) and writes the changes. */
export async function decayConfidence(
  context: EngineContext,
  options: { readonly agent?: string } = {},
): Promise<DecayReport> {
  if (options.agent !== undefined) context.scopes.scopeOf(options.agent);
  const now = context.clock();
  const halfLife = context.config.decay.heuristicHalfLifeDays;
  let examined = 0;
  // Writes wait until the scan is over: some backends stream the scan from a cursor.
  const changes: { ref: { projectId: string; id: string }; confidence: number }[] = [];
  for await (const heuristic of context.store.heuristics.scan({ projectId: context.projectId })) {
    if (options.agent !== undefined && heuristic.agent !== options.agent) continue;
    examined++;
    const confidence = decayedConfidence(heuristic, now, halfLife);
    if (Math.abs(confidence - heuristic.confidence) > EPSILON) {
      changes.push({ ref: { projectId: heuristic.projectId, id: heuristic.id }, confidence });
    }
  }
  for (const { ref, confidence } of changes) await context.store.heuristics.update(ref, { confidence });
  return { examined, updated: changes.length };
}
