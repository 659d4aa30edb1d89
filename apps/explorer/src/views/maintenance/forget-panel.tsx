import { useState } from 'preact/hooks';
import { unwrap } from '../../api/api-call.js';
import type { Schema } from '../../api/api-types.js';
import { useSession } from '../../session/session-context.js';
import { AgentInput } from '../../ui/agent-input.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { useAction } from '../../ui/use-action.js';
import {
  EMPTY_FORGET_DRAFT,
  type ForgetDraft,
  type ForgetPolicy,
  forgetPolicyOf,
  samePolicy,
} from './forget-policy.js';
import { ForgetReportTable } from './forget-report-table.js';

type Report = Schema<'ForgetReport'>;

const RULE_FIELDS: readonly {
  readonly key: Exclude<keyof ForgetDraft, 'agent'>;
  readonly label: string;
  readonly max: number;
  readonly step: string;
}[] = [
  { key: 'outcomesOlderThanDays', label: 'Outcomes older than (days)', max: 36_500, step: 'any' },
  { key: 'heuristicsBelowConfidence', label: 'Heuristics below confidence (0 to 1)', max: 1, step: 'any' },
  { key: 'knowledgeUnverifiedForDays', label: 'Knowledge unverified for (days)', max: 36_500, step: 'any' },
  { key: 'antiPatternsUnseenForDays', label: 'Anti-patterns unseen for (days)', max: 36_500, step: 'any' },
];

/** Forgetting by rule: a preview of the counts first (a dry run), then Apply deletes. */
export function ForgetPanel({ agents }: { readonly agents: readonly string[] }) {
  const { api, project } = useSession();
  const [draft, setDraft] = useState<ForgetDraft>(EMPTY_FORGET_DRAFT);
  const [previewed, setPreviewed] = useState<ForgetPolicy | null>(null);
  const preview = useAction<Report>();
  const apply = useAction<Report>();
  const policy = forgetPolicyOf(draft);
  const forget = (dryRun: boolean) =>
    unwrap(
      api.POST('/v1/projects/{projectId}/forget', {
        params: { path: { projectId: project } },
        body: { ...policy, dryRun },
      }),
    );
  const canApply =
    previewed !== null &&
    samePolicy(previewed, policy) &&
    preview.state.status === 'done' &&
    preview.state.result.total > 0;
  return (
    <section class="panel" aria-labelledby="forget-title">
      <h3 id="forget-title">Forget</h3>
      <form
        data-testid="forget-form"
        onSubmit={(event) => {
          event.preventDefault();
          apply.reset();
          setPreviewed(policy);
          void preview.run(() => forget(true));
        }}
      >
        {RULE_FIELDS.map(({ key, label, max, step }) => (
          <label key={key} class="field">
            <span>{label}</span>
            <input
              type="number"
              min={0}
              max={max}
              step={step}
              data-testid={`forget-${key}`}
              value={draft[key]}
              onInput={(event) => setDraft({ ...draft, [key]: event.currentTarget.value })}
            />
          </label>
        ))}
        <AgentInput
          agents={agents}
          value={draft.agent}
          onInput={(agent) => setDraft({ ...draft, agent })}
          testId="forget-agent"
          label="Only this agent (optional)"
        />
        <button type="submit" data-testid="forget-preview" disabled={preview.state.status === 'running'}>
          Preview
        </button>
      </form>
      {preview.state.status === 'error' && <ErrorMessage error={preview.state.error} />}
      {preview.state.status === 'done' && (
        <ForgetReportTable report={preview.state.result} testId="forget-preview-report" />
      )}
      {preview.state.status === 'done' && (
        <button
          type="button"
          class="danger"
          data-testid="forget-apply"
          disabled={!canApply || apply.state.status === 'running' || apply.state.status === 'done'}
          onClick={() => void apply.run(() => forget(false))}
        >
          Apply: delete {preview.state.result.total} records
        </button>
      )}
      {previewed !== null && !samePolicy(previewed, policy) && (
        <p class="muted">The rules changed since the preview: preview again before applying.</p>
      )}
      {apply.state.status === 'error' && <ErrorMessage error={apply.state.error} />}
      {apply.state.status === 'done' && (
        <ForgetReportTable report={apply.state.result} testId="forget-applied-report" />
      )}
    </section>
  );
}
