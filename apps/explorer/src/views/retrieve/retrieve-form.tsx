import { useState } from 'preact/hooks';
import type { paths } from '../../api/openapi.js';
import { AgentInput } from '../../ui/agent-input.js';

export type RetrieveBody =
  paths['/v1/projects/{projectId}/retrieve']['post']['requestBody']['content']['application/json'];
type Mode = NonNullable<RetrieveBody['mode']>;

const MODES: readonly Mode[] = ['broad', 'precise', 'diagnostic', 'learning', 'recall'];

/** Task, agent, mode, user and topK of a retrieval. */
export function RetrieveForm({
  agents,
  busy,
  onSubmit,
}: {
  readonly agents: readonly string[];
  readonly busy: boolean;
  readonly onSubmit: (body: RetrieveBody) => void;
}) {
  const [task, setTask] = useState('');
  const [agent, setAgent] = useState('');
  const [mode, setMode] = useState<Mode | ''>('');
  const [userId, setUserId] = useState('');
  const [topK, setTopK] = useState('5');
  return (
    <form
      class="panel"
      data-testid="retrieve-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({
          task,
          agent,
          topK: Number(topK),
          ...(mode === '' ? {} : { mode }),
          ...(userId.trim() === '' ? {} : { userId: userId.trim() }),
        });
      }}
    >
      <label class="field">
        <span>Task</span>
        <textarea
          rows={3}
          required
          data-testid="retrieve-task"
          value={task}
          onInput={(event) => setTask(event.currentTarget.value)}
        />
      </label>
      <div class="row">
        <AgentInput agents={agents} value={agent} onInput={setAgent} testId="retrieve-agent" required />
        <label class="field">
          <span>Mode</span>
          <select
            data-testid="retrieve-mode"
            value={mode}
            onChange={(event) => setMode(MODES.find((m) => m === event.currentTarget.value) ?? '')}
          >
            <option value="">Server default</option>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>User (optional)</span>
          <input
            type="text"
            data-testid="retrieve-user"
            value={userId}
            onInput={(event) => setUserId(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>Memories per kind</span>
          <input
            type="number"
            min={1}
            max={100}
            step={1}
            required
            data-testid="retrieve-top-k"
            value={topK}
            onInput={(event) => setTopK(event.currentTarget.value)}
          />
        </label>
      </div>
      <button type="submit" data-testid="retrieve-submit" disabled={busy}>
        Retrieve
      </button>
    </form>
  );
}
