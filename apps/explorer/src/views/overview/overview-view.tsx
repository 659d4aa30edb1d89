import { ActivityPanel } from './activity-panel.js';
import { AgentList } from './agent-list.js';
import { KindCounts } from './kind-counts.js';

/** The project at a glance: records per kind, agents, and what they did lately. */
export function OverviewView() {
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      <div class="columns">
        <KindCounts />
        <AgentList />
      </div>
      <ActivityPanel />
    </section>
  );
}
