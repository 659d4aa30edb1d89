import { type Filter, ValidationError, validationErrorFrom } from '@alma/core';
import { z } from 'zod';
import type { EngineContext } from './engine-context.js';

const DAY_MS = 86_400_000;
const days = z.number().positive().max(36_500).optional();

const policySchema = z.strictObject({
  /** Outcomes whose timestamp is older than this many days. */
  outcomesOlderThanDays: days,
  /** Heuristics whose confidence is below this. */
  heuristicsBelowConfidence: z.number().min(0).max(1).optional(),
  /** Domain knowledge not verified for this many days. */
  knowledgeUnverifiedForDays: days,
  /** Anti-patterns not seen for this many days. */
  antiPatternsUnseenForDays: days,
  /** Only this agent's memories; default: every agent of the project. */
  agent: z.string().min(1).optional(),
  /** Count what the policy names, delete nothing: a preview. */
  dryRun: z.boolean().optional(),
});

/** Which memories to forget; each rule left out forgets nothing of its kind. */
export type ForgetPolicy = z.input<typeof policySchema>;

/** How many memories each rule deleted (or, in a dry run, would delete). */
export interface ForgetReport {
  readonly dryRun: boolean;
  readonly outcomes: number;
  readonly heuristics: number;
  readonly domainKnowledge: number;
  readonly antiPatterns: number;
  readonly total: number;
}

/**
 * Deletes what the policy names, one filtered delete per kind (indexed on every backend), and counts
 * it; a dry run counts the same filters and deletes nothing.
 */
export async function forgetMemories(context: EngineContext, policy: ForgetPolicy): Promise<ForgetReport> {
  const parsed = policySchema.safeParse(policy);
  if (!parsed.success) throw validationErrorFrom('invalid forget policy', parsed.error);
  const { agent, dryRun = false, ...limits } = parsed.data;
  if (Object.values(limits).every((value) => value === undefined)) {
    throw new ValidationError('forget policy names no rule');
  }
  if (agent !== undefined) context.scopes.scopeOf(agent);
  const { store, projectId } = context;
  const now = context.clock().getTime();
  const before = (d: number) => ({ lt: new Date(now - d * DAY_MS) });
  const scope = { projectId, ...(agent === undefined ? {} : { agent }) };
  const apply = <K extends 'outcome' | 'heuristic' | 'domainKnowledge' | 'antiPattern'>(
    kind: K,
    where: Filter<K>,
  ) => (dryRun ? store.kind(kind).count(where) : store.kind(kind).deleteWhere(where));
  const [outcomes, heuristics, domainKnowledge, antiPatterns] = await Promise.all([
    limits.outcomesOlderThanDays === undefined
      ? 0
      : apply('outcome', { ...scope, timestamp: before(limits.outcomesOlderThanDays) }),
    limits.heuristicsBelowConfidence === undefined
      ? 0
      : apply('heuristic', { ...scope, confidence: { lt: limits.heuristicsBelowConfidence } }),
    limits.knowledgeUnverifiedForDays === undefined
      ? 0
      : apply('domainKnowledge', { ...scope, lastVerified: before(limits.knowledgeUnverifiedForDays) }),
    limits.antiPatternsUnseenForDays === undefined
      ? 0
      : apply('antiPattern', { ...scope, lastSeen: before(limits.antiPatternsUnseenForDays) }),
  ]);
  return {
    dryRun,
    outcomes,
    heuristics,
    domainKnowledge,
    antiPatterns,
    total: outcomes + heuristics + domainKnowledge + antiPatterns,
  };
}
