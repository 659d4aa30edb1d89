import { useState } from 'preact/hooks';
import { unwrap } from '../../api/api-call.js';
import type { Schema } from '../../api/api-types.js';
import type { paths } from '../../api/openapi.js';
import { useSession } from '../../session/session-context.js';
import { AgentInput } from '../../ui/agent-input.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { useAction } from '../../ui/use-action.js';
import { MergeGroupsTable } from './merge-groups-table.js';

type ConsolidateBody =
  paths['/v1/projects/{projectId}/consolidate']['post']['requestBody']['content']['application/json'];
type Kind = NonNullable<ConsolidateBody['kind']>;
type Report = Schema<'ConsolidationReport'>;

const KINDS: readonly { readonly kind: Kind; readonly label: string }[] = [
  { kind: 'heuristics', label: 'Heuristics' },
  { kind: 'domain-knowledge', label: 'Domain knowledge' },
  { kind: 'anti-patterns', label: 'Anti-patterns' },
];

/** Merging near-duplicates of one agent: the groups first (a dry run), then Merge archives the rest. */
export function ConsolidatePanel({
  agents,
  onMerged,
}: {
  readonly agents: readonly string[];
  /** After a merge, which archived what it merged away. */
  readonly onMerged: () => void;
}) {
  const { api, project } = useSession();
  const [agent, setAgent] = useState('');
  const [kind, setKind] = useState<Kind>('heuristics');
  const [threshold, setThreshold] = useState('');
  const [previewed, setPreviewed] = useState<ConsolidateBody | null>(null);
  const preview = useAction<Report>();
  const merge = useAction<Report>();
  const body: ConsolidateBody = {
    agent: agent.trim(),
    kind,
    ...(threshold.trim() === '' ? {} : { similarityThreshold: Number(threshold) }),
  };
  const consolidate = (request: ConsolidateBody, dryRun: boolean) =>
    unwrap(
      api.POST('/v1/projects/{projectId}/consolidate', {
        params: { path: { projectId: project } },
        body: { ...request, dryRun },
      }),
    );
  const stale = previewed !== null && JSON.stringify(previewed) !== JSON.stringify(body);
  return (
    <section class="panel" aria-labelledby="consolidate-title">
      <h3 id="consolidate-title">Consolidate</h3>
      <form
        data-testid="consolidate-form"
        onSubmit={(event) => {
          event.preventDefault();
          merge.reset();
          setPreviewed(body);
          void preview.run(() => consolidate(body, true));
        }}
      >
        <AgentInput agents={agents} value={agent} onInput={setAgent} testId="consolidate-agent" required />
        <label class="field">
          <span>Kind</span>
          <select
            data-testid="consolidate-kind"
            value={kind}
            onChange={(event) =>
              setKind(KINDS.find((k) => k.kind === event.currentTarget.value)?.kind ?? 'heuristics')
            }
          >
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Similarity threshold (0 to 1, default 0.85)</span>
          <input
            type="number"
            min={0}
            max={1}
            step="any"
            data-testid="consolidate-threshold"
            value={threshold}
            onInput={(event) => setThreshold(event.currentTarget.value)}
          />
        </label>
        <button type="submit" data-testid="consolidate-preview" disabled={preview.state.status === 'running'}>
          Find near-duplicates
        </button>
      </form>
      {preview.state.status === 'error' && <ErrorMessage error={preview.state.error} />}
      {preview.state.status === 'done' && <MergeGroupsTable report={preview.state.result} />}
      {preview.state.status === 'done' && previewed !== null && preview.state.result.groups.length > 0 && (
        <button
          type="button"
          class="danger"
          data-testid="consolidate-apply"
          disabled={stale || merge.state.status === 'running' || merge.state.status === 'done'}
          onClick={() =>
            void merge.run(async () => {
              const report = await consolidate(previewed, false);
              onMerged();
              return report;
            })
          }
        >
          Merge {preview.state.result.groups.length} groups
        </button>
      )}
      {stale && <p class="muted">The settings changed since the search: search again before merging.</p>}
      {merge.state.status === 'error' && <ErrorMessage error={merge.state.error} />}
      {merge.state.status === 'done' && <MergeGroupsTable report={merge.state.result} />}
    </section>
  );
}
