import type { paths } from '../../api/openapi.js';

type ForgetBody =
  paths['/v1/projects/{projectId}/forget']['post']['requestBody']['content']['application/json'];
/** The rules of a forget, without `dryRun`: the preview and the apply send the same policy. */
export type ForgetPolicy = Omit<ForgetBody, 'dryRun'>;

/** What the form's fields hold, as typed; empty means the rule is not used. */
export interface ForgetDraft {
  readonly outcomesOlderThanDays: string;
  readonly heuristicsBelowConfidence: string;
  readonly knowledgeUnverifiedForDays: string;
  readonly antiPatternsUnseenForDays: string;
  readonly agent: string;
}

export const EMPTY_FORGET_DRAFT: ForgetDraft = {
  outcomesOlderThanDays: '',
  heuristicsBelowConfidence: '',
  knowledgeUnverifiedForDays: '',
  antiPatternsUnseenForDays: '',
  agent: '',
};

const RULES = [
  'outcomesOlderThanDays',
  'heuristicsBelowConfidence',
  'knowledgeUnverifiedForDays',
  'antiPatternsUnseenForDays',
] as const;

/** The policy the draft names: filled rules as numbers, the agent when given. The server validates ranges. */
export function forgetPolicyOf(draft: ForgetDraft): ForgetPolicy {
  const policy: { -readonly [K in keyof ForgetPolicy]: ForgetPolicy[K] } = {};
  for (const rule of RULES) {
    const text = draft[rule].trim();
    if (text !== '') policy[rule] = Number(text);
  }
  const agent = draft.agent.trim();
  if (agent !== '') policy.agent = agent;
  return policy;
}

/** Whether two policies name the same rules: an apply must be of the policy just previewed. */
export function samePolicy(a: ForgetPolicy, b: ForgetPolicy): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ForgetPolicy>;
  return [...keys].every((key) => a[key] === b[key]);
}
