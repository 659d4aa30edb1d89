import { useState } from 'preact/hooks';
import { ArtifactsPanel } from './artifacts-panel.js';
import { CheckpointChain } from './checkpoint-chain.js';
import { RunsTable } from './runs-table.js';

/** Workflow runs and their checkpoint chains, and the artifacts linked to a memory. */
export function WorkflowsView() {
  const [runId, setRunId] = useState<string | null>(null);
  return (
    <section aria-labelledby="workflows-title">
      <h2 id="workflows-title">Workflows</h2>
      <RunsTable selected={runId} onSelect={setRunId} />
      {runId !== null && <CheckpointChain key={runId} runId={runId} />}
      <ArtifactsPanel />
    </section>
  );
}
