import { useState } from 'preact/hooks';
import { useAgentNames } from '../../ui/use-agent-names.js';
import { ArchivePanel } from './archive-panel.js';
import { ConsolidatePanel } from './consolidate-panel.js';
import { ForgetPanel } from './forget-panel.js';

/** Forgetting by rule, merging near-duplicates, and the archive they leave behind. */
export function MaintenanceView() {
  const agents = useAgentNames();
  const [archiveGeneration, setArchiveGeneration] = useState(0);
  return (
    <section aria-labelledby="maintenance-title">
      <h2 id="maintenance-title">Forget and consolidate</h2>
      <div class="columns">
        <ForgetPanel agents={agents} />
        <ConsolidatePanel agents={agents} onMerged={() => setArchiveGeneration((n) => n + 1)} />
      </div>
      <ArchivePanel generation={archiveGeneration} />
    </section>
  );
}
