import { unwrap } from '../../api/api-call.js';
import { useSession } from '../../session/session-context.js';
import { Loaded } from '../../ui/loaded.js';
import { useRequest } from '../../ui/use-request.js';
import { ActivityChart } from './activity-chart.js';
import { activityByAgent } from './activity-series.js';

const DAYS = 30;

/** Each agent's outcomes and lessons per day over the last 30 days. */
export function ActivityPanel() {
  const { api, project } = useSession();
  const activity = useRequest(`activity:${project}`, (signal) =>
    unwrap(
      api.GET('/v1/projects/{projectId}/activity', {
        params: { path: { projectId: project }, query: { days: DAYS } },
        signal,
      }),
    ),
  );
  return (
    <section aria-labelledby="activity-title">
      <h3 id="activity-title">Activity, last {DAYS} days</h3>
      <Loaded state={activity}>
        {(data) => {
          const agents = activityByAgent(data);
          if (agents.length === 0) {
            return (
              <p class="muted" data-testid="activity-empty">
                No outcomes or lessons in the last {DAYS} days.
              </p>
            );
          }
          return agents.map((agent) => <ActivityChart key={agent.agent} activity={agent} />);
        }}
      </Loaded>
    </section>
  );
}
